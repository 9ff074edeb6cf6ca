Attribute VB_Name = "rpe_xl"
' rpe-xl buttons. Import this module into the personal macro workbook (PERSONAL.XLSB) and tick the "xlwings"
' reference (VBA editor: Tools > References); see docs/excel.md. Each button runs a function of rpe_xl/excel.py
' (RunPython) on the active workbook, then sets how the result sheet prints. Nothing here writes a cell.
Option Explicit

Sub Verifier()
    RunPython "import rpe_xl.excel; rpe_xl.excel.verifier()"
    MettreEnPage "Contr" & ChrW(244) & "les", "$1:$3"
End Sub

Sub ActualiserIndicateurs()
    RunPython "import rpe_xl.excel; rpe_xl.excel.actualiser_indicateurs()"
    MettreEnPage "Indicateurs", "$1:$2"
End Sub

Sub RecalculerBudget()
    RunPython "import rpe_xl.excel; rpe_xl.excel.recalculer_budget()"
    MettreEnPage "Budget recalcul" & ChrW(233), "$1:$2"
End Sub

' A4 landscape, one page wide, the title rows (relais, date, column headers) on every page, the file, sheet and
' page numbers in the footer. A workbook without a printer set up keeps its defaults.
Private Sub MettreEnPage(Nom As String, Titres As String)
    Dim ws As Worksheet
    On Error Resume Next
    Set ws = ActiveWorkbook.Worksheets(Nom)
    If ws Is Nothing Then Exit Sub
    Application.PrintCommunication = False
    With ws.PageSetup
        .Orientation = xlLandscape
        .PaperSize = xlPaperA4
        .Zoom = False
        .FitToPagesWide = 1
        .FitToPagesTall = False
        .PrintTitleRows = Titres
        .LeftFooter = "&8&F - &A"
        .RightFooter = "&8Page &P / &N"
    End With
    Application.PrintCommunication = True
    On Error GoTo 0
End Sub
