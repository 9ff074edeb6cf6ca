"""Name pools of the other relais (tests/other_relais.py): invented people, real communes of the Ternois, and
the relais' identity (collectivity, addresses).

The people's names are invented; the communes are looked up in ``rpe_xl/data/communes_62.csv`` (official
names and INSEE codes) and those missing from it are skipped.
"""

SEAT = "Saint-Pol-sur-Ternoise"  # takes the place of the relais' home commune (its main site)
SEAT_POSTCODE = "62130"

COLLECTIVITY = "Communauté de communes Ternois-Canche"
# Literal replacements of the relais' identity (applied inside any text, longest first).
IDENTITY = {
    "Communauté d'Agglomération Béthune Bruay Artois Lys romane": COLLECTIVITY,
    "Communauté d'Agglomération de Béthune-Bruay, Artois-Lys Romane": COLLECTIVITY,
    "100 avenue de Londres": "3 rue de la Gendarmerie",
    "62400 Bethune": f"{SEAT_POSTCODE} {SEAT}",
    "bethunebruay.fr": "ternois-canche.fr",
    "Route de la Victoire": "Rue des Tilleuls",
    "route de la victoire": "rue des tilleuls",
    "Salle Olof Palme": "Salle du Conseil",
    "Salle Robert Prin": "Salle Jean Jaurès",
    "Salle Pierre Bachelet": "Salle Victor Hugo",
    "Centre social Ginette Delestrez": "Centre social Louise Michel",
    "rue Noémie Delobelle": "rue Pasteur",
    "rue de l'Abbé Delepine": "rue du Moulin",
    "Rue de l'Estrée Blanche": "Rue du Marais",
    "Rue de Calonne": "Rue de la Gare",
    "Communauté de Communes Artois Flandres": "Communauté de Communes du Haut Pays",
    "Communauté Artois Lys": "Communauté des Campagnes de l'Artois",
    "Bas Pays": "Pernois",
    "CABBALR": "CCTC",
}

# Communes of the Ternois and the Canche valley. The seat replaces the relais' home commune; the others are taken
# in alphabetical order on each side of it, so that the alphabetical lists of the workbooks stay sorted.
COMMUNE_POOL = (
    "Anvin", "Auxi-le-Château", "Beauvois", "Bergueneuse", "Blangerval-Blangermont", "Bours", "Brias",
    "Conteville-en-Ternois", "Croix-en-Ternois", "Diéval", "Érin", "Fiefs", "Flers", "Fontaine-lès-Boulans",
    "Foufflin-Ricametz", "Frévent", "Gauchin-Verloingt", "Hernicourt", "Heuchin", "Humières",
    "Ligny-Saint-Flochel", "Monchy-Cayeux", "Nuncq-Hautecôte", "Ostreville", "Pernes", "Ramecourt",
    "Roëllecourt", SEAT, "Séricourt", "Sibiville", "Siracourt", "Tangry", "Ternas", "Teneur", "Tilly-Capelle",
    "Tincques", "Troisvaux", "Valhuon", "Vacqueriette-Erquières", "Wamin", "Wavrans-sur-Ternoise", "Willeman",
    "Wail", "Buneville", "Averdoingt", "Beaufort-Blavincourt", "Bailleul-aux-Cornailles", "Hestrus", "Sars-le-Bois",
    "Vaulx", "Tollent", "Vieil-Hesdin", "Sus-Saint-Léger", "Vacquerie-le-Boucq", "Wambercourt", "Willencourt",
)

FEMALE = """Adeline Albane Alexandra Alexia Aline Amandine Ambre Anaëlle Angèle Annabelle Annick Apolline Ariane
Armelle Arlette Aude Axelle Béatrice Bérangère Blanche Capucine Carole Cassandre Cécilia Chloé Clarisse Claudia
Clémence Clémentine Coralie Cyrielle Delphine Éliane Elsa Estelle Eugénie Eva Évelyne Fabienne Fanny Florence
Gaëlle Geneviève Ghislaine Gisèle Hélène Hortense Huguette Ingrid Irène Jacqueline Jocelyne Julie Justine Léa Léna
Léonie Liliane Louise Lucile Ludivine Lydie Magali Maëlle Marion Maud Mélissa Mireille Monique Morgane Muriel
Myriam Nadège Noëlle Ophélie Pascale Paule Perrine Rachel Régine Rolande Rose Roseline Sabine Salomé Sarah
Séverine Simone Solange Solène Stella Suzon Sylviane Tiphaine Vanessa Véronique Viviane Yolande Yvette Yvonne
Adélaïde Alix Anouk Berthe Bénédicte Cindy Colette Edwige Émeline Fernande Flore Germaine Gwenaëlle Héloïse
Isaure Jeannine Josiane Laura Laurine Léonore Lise Lucienne Maëva Marceline Margaux Marjorie Mélodie Nadia Naïs
Odeline Ombeline Raymonde Renée Romane Sidonie Sixtine Thaïs Ursule Violette Yasmine Zélie Alberte Aurélie
Bérénice Christiane Clotilde Eloïse Fabiola Ginette Honorine Irma Joséphine Lætitia Mathilde Nathalie""".split()
MALE = """Adrien Albert Alexis Amaury Anthony Aristide Armand Arthur Aurélien Baptiste Basile Bastien Benjamin Boris
Cédric Célestin Clément Corentin Cyril Damien Dimitri Edgar Éric Étienne Eugène Fabien Fabrice Félix Fernand
Florian Francis Frédéric Gaël Gaston Gautier Geoffrey Georges Grégory Guillaume Gustave Henri Hugo Hugues Jérémie
Joël Jonathan Jordan Joseph Jules Justin Kévin Lionel Loïc Lucas Lucien Marius Martial Mathias Matthieu Maxime
Mickaël Nathan Noël Norbert Pascal Quentin Rémi Régis Robin Romain Sébastien Simon Stéphane Sylvain Théo Thibault
Thierry Timothée Valentin Victor Vincent Xavier Yann Yannick Yves""".split()
SURNAMES = """ACCART ALLOUCHERY AMMEUX BACQUET BAILLEUL BARBIEUX BAUDELET BAUDUIN BEAUCAMP BECQUART BEHAGUE BERTELOOT
BILLET BLAUWART BOCQUET BODDAERT BOIDIN BONVARLET BOUCHEZ BOUTRY BRASSART BRIDOUX BULTEZ CAFFIER CAPELLE CARLIER
CARPENTIER CATTEAU CAUDRON CAULIER CHOQUET CLABAUT CORNETTE COUSTENOBLE CRETON CUVELIER DAMBRINE DECOSTER DEFRANCE
DEGREVE DEHAENE DELABRE DELAHAYE DELCOURT DELEBARRE DELFORGE DELVALLEE DEMARET DENNETIERE DEPREZ DESCAMPS DESMET
DESRUMAUX DESWARTE DEVOS DEWAELE DHALLUIN DUBRULLE DUCATEZ DUFOUR DUHEM DUJARDIN DUQUESNE DUTHOIT FACON FOURNIER
FROMONT GHESQUIERE GODIN GOUDAILLIEZ GRESSIER GRUSON HACHE HALLUIN HAVET HENNUYER HERLEM HOUZE HUGOT JOLY LAGACHE
LAMOTTE LANNOY LEBLOND LECLERC LECOUTRE LEFRANC LEGAY LEMAHIEU LENGLET LEPRETRE LEROUGE LESAGE LESTIENNE LEULIETTE
LHERMITTE LIBERT MACHU MAES MAILLARD MASCLET MERLIN MEURISSE NOLLET OBERT PAMART PARSY PLANCQ POIRET QUEVA RAMETTE
RICHEBE ROGEZ ROUSSEL SALOME SAUVAGE TAFFIN TAVERNIER THERET TILLIER TRINEL VANDAMME VASSEUR VERDIERE VERHAEGHE
WAGON WALLART WATTEL WILLEMS WYART ANSART AUDEGOND BAHEU BARA BASSEZ BAYART BEUGNET BLANQUART BOULANGER BOURGOIS
BRICOUT BUISINE CAMBIER CANDELIER CASTELAIN CHAVATTE COLLET COQUELLE COUPE COURCOL CROQUELOIS DARRAS DAUCHY
DEBAVELAERE DECOOL DEFOSSEZ DEGAND DEHON DELAVAL DELEFORTRIE DELOBEL DELPIERRE DELRUE DEMAY DEMOL DEPOORTER DERAM
DERNONCOURT DESBIENS DESPREZ DEVIGNE DHENNIN DOMART DOUCHET DRUON DUBOIS DUCHATEAU DUFLOS DUMINY DUPIRE DURIEZ ELOY
EVRARD FIEVET FOVET GAMBIER GAVERIAUX GOBERT GOSSART GRARD GUFFROY HANOT HAVERLAND HERBIN HOCHART HOLLANDER HURTREL
JOVENIAUX LABALETTE LAGNIEZ LALOUX LAMPS LANSELLE LATTEUR LAVOGEZ LEBAS LECAT LECERF LEDOUX LEFEUVRE LEGRIS LEMAN
LENNE LEPERS LERICHE LESAFFRE LESCIEUX LEVEUGLE LHOMME LOBRY LOOTEN LOUCHART MABILLE MACREZ MALET MAQUET MARESCAUX
MASSEMIN MAUCHAUSSEE MENET MIELLET MORTREUX NOEL OLIVE PAMELARD PATTE PECQUEUR PIAT POTEAU POUILLE PRUVOT QUENTIN
RABIER REGNAUT RETAILLEAU RINGOT ROLLIN ROZE RUCKEBUSCH SAISON SENECHAL SERGENT SOUDAN STIEN TABARY TELLIER THOREL
TOURSEL TRONET VAILLANT VANDENBERGHE VANHEE VERBEKE VERCRUYSSE VERMERSCH VIGREUX VILAIN WALLET WARNIER WATTEAU
WIBAUX WIMET WISSOCQ ZANNIER BAVAY BECUE BERQUEZ BINET BOURLET BRUXELLE CARRE-DUPUIS COCHETEUX DEBAISIEUX
DELANNOYE-LEROY DESSAINT DEVAUX DUCROQUET FLAMENG GOUBE HOUVENAGHEL LABITTE LEDRU MOUTON PLAYE TOUZET""".split()
