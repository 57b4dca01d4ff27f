"""The texts of the demo site "Le Courrier des Alpes" (read by ``newsroom.demo``).

Places are real, people and events are invented. Bodies are lists of paragraphs; an
item starting with "## " is an intertitle. ``days`` is how long before the first load
an article went out (negative: scheduled that far in the future).
"""

PASSWORD = "demo-newsroom"

# username, group (None: superuser), first name, last name, what the account is for
ACCOUNTS = [
    ("redaction", "Rédaction en chef", "Hélène", "Rivoire", "rédaction en chef : relit, publie, programme, dépublie"),
    ("journaliste", "Journalistes", "Claire", "Vernet", "journaliste : écrit ses brouillons et les soumet"),
    ("moderateur", "Modérateurs", "Karim", "Ouali", "modération des réactions des lecteurs"),
    ("admin", None, "", "", "superutilisateur"),
]

REGIONS = [
    ("isere", "Isère", "Grenoble, le Grésivaudan, le Vercors, l’Oisans et le Nord-Isère."),
    ("savoie", "Savoie", "Chambéry, Aix-les-Bains, la Tarentaise et la Maurienne."),
    ("haute-savoie", "Haute-Savoie", "Annecy, le Chablais, la vallée de l’Arve et le Genevois."),
    ("drome", "Drôme", "Valence, Romans, Montélimar, le Diois et les Baronnies."),
]

SECTIONS = [
    ("actualites", "Actualités"),
    ("sports", "Sports"),
    ("economie", "Économie"),
    ("culture", "Culture"),
]

# slug, name, bio, username of the newsroom account that signs under this name
AUTHORS = [
    (
        "claire-vernet",
        "Claire Vernet",
        "Journaliste à l’agence de Grenoble depuis 2015, Claire Vernet suit la vie municipale, "
        "les transports et l’urbanisme de la métropole.",
        "journaliste",
    ),
    (
        "mathieu-rochas",
        "Mathieu Rochas",
        "Chef de la rubrique sportive, Mathieu Rochas couvre le rugby, le hockey et les grandes "
        "courses de montagne des deux Savoie et de l’Isère.",
        None,
    ),
    (
        "sophie-berthollet",
        "Sophie Berthollet",
        "Installée à Annecy, Sophie Berthollet écrit sur l’industrie de la vallée de l’Arve, "
        "le travail frontalier et le tourisme.",
        None,
    ),
    (
        "julien-faure",
        "Julien Faure",
        "Correspondant à Valence, Julien Faure raconte la Drôme agricole, ses vignobles, ses "
        "festivals et ses villages perchés.",
        None,
    ),
    (
        "nadia-benali",
        "Nadia Benali",
        "Journaliste à Chambéry, Nadia Benali suit la justice, la santé et les collectivités de Savoie.",
        None,
    ),
    (
        "thomas-gaillard",
        "Thomas Gaillard",
        "Ancien guide, Thomas Gaillard écrit sur la montagne, le climat et l’environnement depuis Chamonix.",
        None,
    ),
    (
        "elise-marchand",
        "Élise Marchand",
        "Critique et reporter, Élise Marchand couvre les scènes, les musées et le cinéma de l’arc alpin.",
        None,
    ),
]

PHOTOGRAPHERS = ["Pierre-Antoine Girod", "Anne Vial", "Lucas Perrier", "D.R."]

ARTICLES = [
    # ------------------------------------------------------------------ Isère / Actualités
    dict(
        key="grenoble-rue-piétonne",
        region="isere",
        section="actualites",
        days=1,
        title="Grenoble : la rue Félix-Poulat deviendra piétonne tous les samedis",
        standfirst="Après six mois d’essai, la Ville pérennise la fermeture aux voitures du cœur "
        "commerçant le samedi. Les commerçants restent partagés.",
        body=[
            "Le conseil municipal a voté lundi soir, par 41 voix contre 12, la fermeture à la circulation "
            "de la rue Félix-Poulat et de ses abords chaque samedi, de 10 heures à 19 heures. "
            "L’expérimentation menée depuis le printemps avait vu la fréquentation piétonne progresser "
            "de 18 % selon les comptages de la Ville.",
            "Les livraisons resteront possibles jusqu’à 10 heures et les riverains conserveront un "
            "accès par la rue de la République.",
            "## Des commerçants divisés",
            "« Le samedi, nous faisons désormais un tiers de notre chiffre de la semaine », se réjouit "
            "Sandrine Mollard, qui tient une boutique de jouets. Son voisin opticien est moins "
            "enthousiaste : « Mes clients âgés ne viennent plus, ils ne trouvent pas où se garer. »",
            "La délibération prévoit un bilan au bout d’un an. Le plan de la zone piétonne est consultable "
            'sur <a href="https://www.grenoble.fr">le site de la Ville</a>.',
        ],
        tags=["municipal", "mobilité", "commerce"],
        authors=["claire-vernet"],
        photo=("La rue Félix-Poulat un samedi après-midi.", "Une rue commerçante pleine de piétons"),
        box=(
            "Une zone piétonne, c’est quoi ?",
            "Une voie où seuls les piétons circulent, les vélos à "
            "l’allure du pas. Les véhicules de livraison et de secours y sont tolérés selon les horaires "
            "fixés par arrêté municipal.",
        ),
        related=["grenoble-vélo-métropole"],
    ),
    dict(
        key="grenoble-vélo-métropole",
        region="isere",
        section="actualites",
        days=9,
        title="La métropole grenobloise double ses stationnements vélos sécurisés",
        standfirst="Huit cents nouvelles places en consigne fermée ouvriront d’ici l’été près des gares "
        "et des arrêts de tramway, pour un abonnement de cinq euros par mois.",
        body=[
            "Le vol reste le premier frein à l’usage du vélo en ville. C’est le constat qui a conduit la "
            "métropole à lancer un vaste programme de consignes collectives, fermées par badge.",
            "Les premières ouvriront à Échirolles, Saint-Martin-d’Hères et Fontaine, à proximité des "
            "lignes A et C du tramway. Chaque abri compte de vingt à soixante places.",
            "## Un abonnement à cinq euros",
            "« Un habitant sur quatre nous dit qu’il roulerait davantage s’il pouvait laisser son vélo "
            "en sécurité », explique Damien Roux, vice-président chargé des mobilités.",
            'Les inscriptions ouvrent le mois prochain sur <a href="https://www.grenoblealpesmetropole.fr">'
            "le site de la métropole</a>.",
        ],
        tags=["mobilité", "vélo", "transport"],
        authors=["claire-vernet"],
        photo=("Une consigne à vélos près de la gare de Grenoble.", "Des vélos rangés dans un abri grillagé"),
        related=["grenoble-rue-piétonne"],
    ),
    dict(
        key="voiron-école-chauffage",
        region="isere",
        section="actualites",
        days=23,
        title="Voiron : l’école Jean-Moulin privée de chauffage pendant trois jours",
        standfirst="Une panne de chaudière a contraint la mairie à répartir deux cents élèves dans "
        "d’autres écoles de la ville. Les cours reprennent normalement lundi.",
        body=[
            "Les parents ont été prévenus dimanche soir par un message de la mairie : la chaudière de "
            "l’école Jean-Moulin, vieille de trente ans, avait rendu l’âme pendant le week-end.",
            "Les huit classes ont été accueillies dans trois écoles voisines, avec l’aide des "
            "animateurs du périscolaire et de deux cars affrétés par la commune.",
            "## Un remplacement avancé",
            "« Nous avions prévu de la changer l’an prochain, nous allons le faire dès les vacances », "
            "assure l’adjointe aux affaires scolaires, Martine Chabert.",
            "Le calendrier des travaux sera présenté en conseil d’école. Les familles peuvent suivre les "
            'informations sur <a href="https://www.voiron.fr">le site de la mairie</a>.',
        ],
        tags=["école", "municipal"],
        authors=["claire-vernet"],
        photo=("La cour de l’école Jean-Moulin, vide ce lundi matin.", "Une cour d’école déserte sous un ciel gris"),
        note=("update", "Les cours ont repris mercredi matin dans l’école : une chaudière provisoire a été installée."),
    ),
    dict(
        key="vercors-loup",
        region="isere",
        section="actualites",
        days=47,
        title="Vercors : les éleveurs demandent des tirs de défense après une nouvelle attaque",
        standfirst="Onze brebis ont été tuées près de Villard-de-Lans. La profession réclame des moyens "
        "supplémentaires pour protéger les troupeaux en estive.",
        body=[
            "L’attaque a eu lieu dans la nuit de mardi à mercredi, sur un alpage situé au-dessus du hameau "
            "des Jarrands. Le berger a découvert onze bêtes mortes et quatre blessées au petit matin.",
            "Les agents de l’Office français de la biodiversité ont procédé aux constats nécessaires à "
            "l’indemnisation de l’éleveur.",
            "## « Nous ne dormons plus »",
            "« Nous avons des chiens, des clôtures électriques, un aide-berger, et cela ne suffit plus », "
            "témoigne Laurent Achard, qui mène six cents brebis sur le plateau.",
            "La préfecture réunira le comité loup le mois prochain. Le protocole d’intervention est détaillé "
            'sur <a href="https://www.isere.gouv.fr">le site des services de l’État</a>.',
        ],
        tags=["agriculture", "montagne", "environnement"],
        authors=["thomas-gaillard"],
        photo=("Un troupeau de brebis sur le plateau du Vercors.", "Des brebis dans un pâturage d’altitude"),
    ),
    # ------------------------------------------------------------------ Isère / Sports
    dict(
        key="grenoble-hockey-finale",
        region="isere",
        section="sports",
        days=3,
        title="Hockey : Grenoble arrache la prolongation et file en finale",
        standfirst="Menés de deux buts à dix minutes de la fin, les Grenoblois ont renversé la série "
        "devant une patinoire Pole Sud comble.",
        body=[
            "Il restait 9 minutes et 42 secondes quand le capitaine a réduit l’écart d’un tir du poignet "
            "sous la barre. La patinoire, silencieuse depuis le deuxième tiers, s’est réveillée d’un coup.",
            "L’égalisation est venue en supériorité numérique, puis la délivrance après six minutes de "
            "prolongation, sur un rebond que le gardien adverse n’a pas pu contrôler.",
            "## Une finale à partir de jeudi",
            "« On n’a jamais arrêté d’y croire, le public nous a portés », souffle l’entraîneur, Yannick "
            "Berthet, la voix éraillée.",
            "Le premier match de la finale se jouera jeudi à 20 h 30. La billetterie ouvre mardi matin "
            '<a href="/isere/sports/">et nous suivrons la série en direct</a>.',
        ],
        tags=["hockey"],
        authors=["mathieu-rochas"],
        photo=(
            "La joie des Grenoblois après le but de la qualification.",
            "Des joueurs de hockey enlacés sur la glace",
        ),
        related=["grenoble-rugby-maintien"],
    ),
    dict(
        key="grenoble-rugby-maintien",
        region="isere",
        section="sports",
        days=16,
        title="Rugby : le maintien se jouera à Lesdiguières dans quinze jours",
        standfirst="Battus sur le fil à l’extérieur, les Isérois devront gagner leur dernier match à "
        "domicile pour éviter la relégation.",
        body=[
            "Tout semblait bien parti à la pause, avec un essai en contre et une pénalité d’avance. Mais "
            "la mêlée a cédé en seconde période et l’adversaire a fait la différence à la 78e minute.",
            "Le point de bonus défensif, arraché dans les arrêts de jeu, permet au club de garder son destin en main.",
            "## Tout un stade derrière l’équipe",
            "« On a quinze jours pour se préparer à une finale, et on la jouera chez nous », résume le "
            "troisième ligne Kévin Mazet.",
            "Le club appelle ses supporters à remplir le stade ; les places sont en vente sur "
            '<a href="https://www.fcgrugby.com">la billetterie officielle</a>.',
        ],
        tags=["rugby"],
        authors=["mathieu-rochas"],
        photo=("Une mêlée lors de la rencontre de samedi.", "Des rugbymen en mêlée sur une pelouse"),
        related=["grenoble-hockey-finale"],
    ),
    dict(
        key="chamrousse-trail",
        region="isere",
        section="sports",
        days=58,
        title="Trail : 1 800 coureurs attendus sur les pentes de Chamrousse",
        standfirst="La course de montagne ajoute cette année un parcours de 80 kilomètres par les lacs "
        "Robert et le col de la Botte.",
        body=[
            "Les organisateurs ont dû fermer les inscriptions trois semaines avant la date, un record. "
            "Quatre parcours, de 12 à 80 kilomètres, partiront de la station le même week-end.",
            "Le nouveau grand parcours cumule 5 000 mètres de dénivelé positif et passe par des sentiers "
            "rouverts après les éboulements de l’hiver.",
            "## Les bénévoles recherchés",
            "« Il nous manque encore une cinquantaine de bénévoles pour les ravitaillements », lance la "
            "présidente de l’association, Céline Drevon.",
            'Les volontaires peuvent se faire connaître auprès de <a href="https://www.chamrousse.com">'
            "l’office de tourisme</a>.",
        ],
        tags=["trail", "montagne"],
        authors=["mathieu-rochas"],
        photo=("Des traileurs sur la crête au-dessus des lacs Robert.", "Des coureurs sur un sentier de crête"),
    ),
    dict(
        key="isere-natation-jeunes",
        region="isere",
        section="sports",
        days=-3,
        status="scheduled",
        title="Natation : le club de Bourgoin-Jallieu qualifie six jeunes pour les championnats de France",
        standfirst="Un record pour ce club qui s’entraîne dans un bassin de 25 mètres ouvert seulement "
        "trois soirs par semaine aux nageurs de compétition.",
        body=[
            "Ils ont entre quatorze et seize ans et ont décroché leurs temps de qualification lors du "
            "meeting régional de Villeurbanne, le week-end dernier.",
            "Le club, qui compte 420 licenciés, n’avait jamais envoyé plus de deux nageurs à ce niveau.",
            "## Des entraînements à 6 heures du matin",
            "« Ils nagent avant le collège, trois fois par semaine, sans jamais se plaindre », raconte leur "
            "entraîneur, Bastien Guillot.",
            "Le club lance une cagnotte pour financer le déplacement ; les informations sont sur "
            '<a href="https://www.bourgoinjallieu.fr">le site de la ville</a>.',
        ],
        tags=["natation", "jeunesse"],
        authors=["mathieu-rochas"],
        photo=("Les six qualifiés au bord du bassin.", "Six adolescents en maillot de bain au bord d’une piscine"),
    ),
    # ------------------------------------------------------------------ Isère / Économie
    dict(
        key="crolles-semi-conducteurs",
        region="isere",
        section="economie",
        days=5,
        title="Crolles : la filière des semi-conducteurs cherche 600 techniciens",
        standfirst="Les industriels du Grésivaudan s’associent aux lycées et à l’université pour former "
        "plus vite les opérateurs et techniciens qui leur manquent.",
        body=[
            "Les salles blanches tournent jour et nuit, mais les équipes ne suivent pas. Selon le "
            "groupement des industriels de la vallée, six cents postes restent à pourvoir d’ici deux ans.",
            "Un nouveau cursus en alternance ouvrira à la rentrée au lycée de Pontcharra, avec une "
            "promotion de trente élèves.",
            "## Des salaires à la hausse",
            "« Un technicien confirmé n’a plus besoin de chercher du travail, c’est le travail qui le "
            "cherche », sourit Rachid Benhamou, responsable du recrutement d’un sous-traitant.",
            'Les offres sont recensées par <a href="https://www.francetravail.fr">France Travail</a>, '
            "qui organise un forum dédié en mars.",
        ],
        tags=["industrie", "emploi"],
        authors=["sophie-berthollet"],
        photo=("L’entrée d’un site industriel à Crolles.", "Un bâtiment industriel au pied de la montagne"),
        box=(
            "Une salle blanche, c’est quoi ?",
            "Une salle où l’air est filtré en permanence pour limiter "
            "les poussières. On y fabrique les puces électroniques, en combinaison intégrale.",
        ),
    ),
    dict(
        key="grenoble-marché-noël",
        region="isere",
        section="economie",
        days=34,
        title="Le marché de Noël de Grenoble a attiré 10 % de visiteurs en plus",
        standfirst="Les exposants saluent une édition réussie malgré la pluie des dernières semaines, "
        "portée par les nocturnes du vendredi.",
        body=[
            "Quatre-vingt-dix chalets, un mois d’ouverture et près de 600 000 passages estimés : le bilan "
            "dressé par l’union des commerçants est le meilleur depuis cinq ans.",
            "Les artisans d’art et les producteurs de l’Oisans et du Trièves représentaient un tiers des "
            "exposants, une part en hausse.",
            "## Les nocturnes plébiscitées",
            "« Les vendredis soir, on ne pouvait plus circuler entre les chalets », raconte Odile Vachon, "
            "qui vend des bougies artisanales depuis douze ans.",
            'Le bilan complet a été présenté à la <a href="https://www.grenoble.cci.fr">chambre de '
            "commerce et d’industrie</a>.",
        ],
        tags=["commerce", "tourisme"],
        authors=["claire-vernet"],
        photo=("Les chalets du marché de Noël place Victor-Hugo.", "Des chalets illuminés la nuit sur une place"),
    ),
    dict(
        key="vienne-port-fluvial",
        region="isere",
        section="economie",
        days=71,
        title="Vienne : le port fluvial veut accueillir deux fois plus de bateaux de croisière",
        standfirst="La communauté d’agglomération investit dans un nouveau ponton sur le Rhône pour capter "
        "les croisières qui remontent vers Lyon.",
        body=[
            "Chaque année, une centaine de paquebots fluviaux s’arrêtent à Vienne. Le ponton actuel ne "
            "permet pas d’en accueillir deux en même temps, ce qui fait perdre des escales à la ville.",
            "Le nouvel équipement, d’un coût de 3,2 millions d’euros, doit être livré pour la saison prochaine.",
            "## Le commerce du centre-ville en attente",
            "« Un bateau, ce sont cent cinquante visiteurs qui déjeunent et achètent en ville », calcule "
            "le président de l’association des commerçants, Gilles Perret.",
            'Le projet est présenté sur <a href="https://www.vienne-condrieu-agglomeration.fr">le site de '
            "l’agglomération</a>.",
        ],
        tags=["tourisme", "transport"],
        authors=["julien-faure"],
        photo=("Un bateau de croisière amarré sur le Rhône à Vienne.", "Un bateau blanc le long d’un quai"),
    ),
    dict(
        key="isere-noix-récolte",
        region="isere",
        section="economie",
        days=-1,
        status="draft",
        title="Noix de Grenoble : une récolte inférieure d’un quart à la moyenne",
        standfirst="La grêle du printemps et la sécheresse d’août ont réduit la production. Les prix au "
        "producteur devraient remonter.",
        body=[
            "Dans les vergers de Vinay et de Tullins, les nuciculteurs font leurs comptes. La récolte "
            "atteindrait à peine 75 % d’une année normale, selon le comité interprofessionnel.",
            "Les calibres sont en revanche satisfaisants, ce qui devrait limiter les pertes à l’export.",
            "## Des assurances trop chères",
            "« Assurer un verger contre la grêle coûte désormais plus que ce qu’il rapporte les mauvaises "
            "années », regrette Jean-Marc Bouvier, producteur à Chatte.",
            'Les chiffres de la campagne seront publiés par <a href="https://www.noixdegrenoble.com">'
            "l’interprofession</a>.",
        ],
        tags=["agriculture"],
        authors=["claire-vernet"],
        photo=("Des noix sèchent dans un séchoir à Vinay.", "Des noix étalées sur des claies en bois"),
    ),
    # ------------------------------------------------------------------ Isère / Culture
    dict(
        key="grenoble-musée-expo",
        region="isere",
        section="culture",
        days=6,
        title="Le musée de Grenoble consacre une grande exposition aux peintres de la montagne",
        standfirst="Cent vingt œuvres, du XIXe siècle à nos jours, racontent comment les artistes ont "
        "regardé les Alpes, de la terreur à la contemplation.",
        body=[
            "Le parcours s’ouvre sur les gravures des premiers voyageurs, qui voyaient dans les glaciers "
            "des paysages menaçants, et se referme sur des installations vidéo contemporaines.",
            "Plusieurs prêts viennent de musées suisses et italiens, une première pour l’établissement.",
            "## Un regard qui change",
            "« Le public va voir la montagne passer du statut de monstre à celui de paysage fragile », "
            "résume la commissaire de l’exposition, Laure Sibille.",
            "L’exposition est visible jusqu’à l’automne ; horaires et tarifs sur "
            '<a href="https://www.museedegrenoble.fr">le site du musée</a>.',
        ],
        tags=["exposition", "montagne"],
        authors=["elise-marchand"],
        photo=(
            "Une salle de l’exposition consacrée aux glaciers.",
            "Des tableaux de montagnes accrochés dans une salle de musée",
        ),
        box=(
            "Le musée de Grenoble, c’est quoi ?",
            "Un des grands musées de beaux-arts de France, au bord "
            "de l’Isère, riche d’une importante collection d’art moderne.",
        ),
        related=["grenoble-cinéma-plein-air"],
    ),
    dict(
        key="grenoble-cinéma-plein-air",
        region="isere",
        section="culture",
        days=40,
        title="Cinéma en plein air : dix séances gratuites dans les parcs de Grenoble",
        standfirst="Le festival d’été revient avec une programmation tournée vers les films de montagne "
        "et les comédies familiales.",
        body=[
            "Chaque jeudi de juillet et d’août, un écran gonflable sera installé dans un parc différent, "
            "du jardin de ville au parc Paul-Mistral.",
            "Les séances commencent à la tombée de la nuit. Les spectateurs sont invités à apporter "
            "transats et couvertures.",
            "## Des courts métrages en ouverture",
            "« Chaque séance commence par un court métrage réalisé par des jeunes des quartiers », "
            "précise la programmatrice, Inès Garnier.",
            'Le programme complet est disponible sur <a href="https://www.cinemathequedegrenoble.fr">'
            "le site de la cinémathèque</a>.",
        ],
        tags=["cinéma", "festival"],
        authors=["elise-marchand"],
        photo=(
            "Une séance de cinéma en plein air au parc Paul-Mistral.",
            "Un écran géant devant un public assis dans l’herbe",
        ),
        related=["grenoble-musée-expo"],
    ),
    dict(
        key="vizille-château-restauration",
        region="isere",
        section="culture",
        days=88,
        title="Vizille : la restauration des jardins du château entre dans sa dernière phase",
        standfirst="Les parterres à la française retrouveront leur dessin d’origine d’ici l’été, après "
        "deux ans de travaux.",
        body=[
            "Les jardiniers ont replanté cette semaine les premiers buis, d’une variété résistante à la "
            "pyrale qui avait ravagé les anciennes bordures.",
            "Les bassins ont été étanchéifiés et les allées reprises avec un sable de carrière locale.",
            "## Les plans du XVIIIe siècle pour guide",
            "« Nous nous sommes appuyés sur des plans retrouvés aux archives départementales », explique "
            "le chef jardinier, Philippe Darnaud.",
            "Le domaine reste ouvert pendant les travaux ; les horaires sont sur "
            '<a href="https://www.isere.fr">le site du Département</a>.',
        ],
        tags=["patrimoine"],
        authors=["elise-marchand"],
        photo=("Les jardins du château de Vizille en travaux.", "Un château derrière des parterres en chantier"),
    ),
    dict(
        key="isere-festival-berlioz",
        region="isere",
        section="culture",
        days=120,
        title="Festival Berlioz : la Côte-Saint-André fait le plein pour sa première semaine",
        standfirst="Les concerts du soir affichent complet. L’édition rend hommage aux compositeurs "
        "voyageurs, de l’Italie à l’Amérique.",
        body=[
            "La cour du château Louis-XI a accueilli mardi un orchestre de 90 musiciens devant plus de "
            "deux mille spectateurs, malgré un orage menaçant.",
            "Des concerts gratuits sont proposés chaque midi dans les villages voisins.",
            "## Une jeunesse très présente",
            "« Nous avons vendu un tiers de billets à moins de trente ans, c’est nouveau », se félicite "
            "le directeur artistique, Vincent Laborde.",
            "Il reste des places pour les concerts de l’après-midi, en vente sur "
            '<a href="https://www.festivalberlioz.com">le site du festival</a>.',
        ],
        tags=["musique", "festival"],
        authors=["elise-marchand"],
        photo=("Le public dans la cour du château Louis-XI.", "Une foule assise devant une scène éclairée"),
    ),
    # ------------------------------------------------------------------ Savoie / Actualités
    dict(
        key="chambéry-hôpital-urgences",
        region="savoie",
        section="actualites",
        days=2,
        title="Chambéry : les urgences de l’hôpital régulées la nuit jusqu’à la fin du mois",
        standfirst="Faute de médecins, l’accès aux urgences la nuit passe par un appel préalable au 15. "
        "Les cas graves restent pris en charge sans délai.",
        body=[
            "L’établissement l’a annoncé vendredi : de 20 heures à 8 heures, les patients sont invités à "
            "appeler le 15 avant de se déplacer. Un médecin régulateur les orientera.",
            "La mesure vise à concentrer les équipes sur les urgences vitales, alors que plusieurs postes "
            "restent vacants.",
            "## Les syndicats inquiets",
            "« Ce qui devait être exceptionnel devient une habitude », dénonce Aurélie Combaz, infirmière "
            "et représentante syndicale.",
            'Les conseils pratiques sont rappelés sur <a href="https://www.sante.fr">le site officiel '
            "d’information santé</a>.",
        ],
        tags=["santé"],
        authors=["nadia-benali"],
        photo=("L’entrée des urgences de l’hôpital de Chambéry.", "La façade d’un hôpital avec un panneau Urgences"),
        note=(
            "correction",
            "Une version précédente indiquait une régulation à partir de 22 heures : elle commence à 20 heures.",
        ),
    ),
    dict(
        key="aix-lac-baignade",
        region="savoie",
        section="actualites",
        days=19,
        title="Lac du Bourget : trois nouvelles plages surveillées cet été",
        standfirst="Aix-les-Bains, Brison-Saint-Innocent et Chindrieux recrutent des maîtres-nageurs "
        "pour ouvrir des zones de baignade jusqu’ici non gardées.",
        body=[
            "Chaque été, des baigneurs se mettent en danger en s’éloignant des plages surveillées. "
            "Les communes du lac ont décidé d’agrandir le dispositif.",
            "Les trois nouvelles zones seront gardées de 11 heures à 19 heures en juillet et août.",
            "## Une eau de bonne qualité",
            "« Les analyses de l’an dernier étaient excellentes sur tous les points de baignade », "
            "rassure Francis Deléglise, adjoint chargé du lac.",
            'Les résultats des prélèvements sont publiés sur <a href="https://baignades.sante.gouv.fr">'
            "le site du ministère de la Santé</a>.",
        ],
        tags=["lac", "tourisme", "municipal"],
        authors=["nadia-benali"],
        photo=("La plage municipale d’Aix-les-Bains un matin de juin.", "Une plage de galets au bord d’un grand lac"),
    ),
    dict(
        key="maurienne-éboulement-route",
        region="savoie",
        section="actualites",
        days=44,
        title="Maurienne : la route du Galibier rouvre après l’éboulement",
        standfirst="Trois semaines de travaux ont été nécessaires pour purger la falaise et poser des "
        "filets de protection au-dessus de la chaussée.",
        body=[
            "Plusieurs centaines de mètres cubes de roche s’étaient abattus sur la route au début du mois, "
            "sans faire de victime. Les habitants devaient faire un détour de plus d’une heure.",
            "Les cordistes ont travaillé suspendus au-dessus du vide pour purger les blocs instables.",
            "## Une circulation alternée",
            "« La route est sûre, mais nous gardons un feu alterné le temps de finir les filets », précise "
            "l’ingénieur du Département, Olivier Grange.",
            'L’état des routes est mis à jour sur <a href="https://www.savoie-route.fr">le site de '
            "viabilité du Département</a>.",
        ],
        tags=["transport", "montagne"],
        authors=["thomas-gaillard"],
        photo=("Des cordistes au travail au-dessus de la route.", "Des ouvriers suspendus à une falaise"),
    ),
    dict(
        key="chambéry-budget-participatif",
        region="savoie",
        section="actualites",
        days=-7,
        status="scheduled",
        title="Chambéry : les habitants choisiront 25 projets du budget participatif",
        standfirst="Le vote est ouvert à tous les Chambériens dès onze ans. Un million d’euros est en jeu "
        "pour des jardins, des bancs et des pistes cyclables.",
        body=[
            "Cent douze projets ont été déposés cette année, un record. Après l’étude de faisabilité, "
            "soixante-quatre sont soumis au vote.",
            "On vote en ligne ou dans les urnes installées dans les maisons de quartier.",
            "## Des projets très concrets",
            "« Les habitants connaissent mieux que nous le banc qui manque ou le trottoir trop étroit », "
            "reconnaît l’adjoint à la démocratie locale, Hugo Perrin.",
            'La liste des projets est consultable sur <a href="https://www.chambery.fr">le site de la Ville</a>.',
        ],
        tags=["municipal", "budget"],
        authors=["nadia-benali"],
        photo=("Une urne du budget participatif à la maison des associations.", "Une urne transparente sur une table"),
    ),
    # ------------------------------------------------------------------ Savoie / Sports
    dict(
        key="val-thorens-coupe-du-monde",
        region="savoie",
        section="sports",
        days=4,
        title="Ski cross : doublé français à Val Thorens sous la neige",
        standfirst="Dans des conditions difficiles, deux Savoyards ont pris les deux premières places de "
        "l’étape de Coupe du monde.",
        body=[
            "La visibilité était si faible que le départ a été retardé d’une heure. Les coureurs se sont "
            "ensuite élancés sur une piste raccourcie, mais toujours aussi technique.",
            "En finale, le vainqueur a pris la tête dès le premier virage et ne l’a plus quittée.",
            "## La station aux anges",
            "« Deux gamins du coin sur le podium, on ne pouvait pas rêver mieux », s’enthousiasme le "
            "directeur de l’office du tourisme, Alain Bochet.",
            'Le calendrier des prochaines étapes est publié par <a href="https://www.fis-ski.com">'
            "la Fédération internationale de ski</a>.",
        ],
        tags=["ski", "montagne"],
        authors=["mathieu-rochas"],
        photo=("L’arrivée de la finale de ski cross.", "Des skieurs sur une piste enneigée avec des bosses"),
        related=["tignes-saison"],
    ),
    dict(
        key="chambéry-handball-europe",
        region="savoie",
        section="sports",
        days=27,
        title="Handball : Chambéry se qualifie pour les quarts de finale européens",
        standfirst="Les Savoyards ont dominé leurs adversaires portugais au Phare, porté par un gardien "
        "en état de grâce.",
        body=[
            "Dix-neuf arrêts, dont trois jets de sept mètres : le gardien chambérien a écœuré l’attaque "
            "adverse pendant soixante minutes.",
            "Les Savoyards ont compté jusqu’à huit buts d’avance avant de gérer la fin de rencontre.",
            "## Un tirage attendu lundi",
            "« On joue pour ces soirées-là, devant ce public », confie le capitaine Maxime Dufour.",
            'Le tirage au sort des quarts de finale sera diffusé lundi sur <a href="https://www.eurohandball.com">'
            "le site de la fédération européenne</a>.",
        ],
        tags=["handball"],
        authors=["mathieu-rochas"],
        photo=("Le gardien chambérien après un arrêt décisif.", "Un gardien de handball plonge devant son but"),
    ),
    dict(
        key="tour-de-france-madeleine",
        region="savoie",
        section="sports",
        days=96,
        title="Cyclisme : le col de la Madeleine au programme du prochain Tour de France",
        standfirst="La Grande Boucle traversera la Savoie pendant trois jours. Les communes de la vallée "
        "préparent déjà l’accueil des spectateurs.",
        body=[
            "L’annonce a été faite jeudi à Paris : l’étape reine partira d’Albertville et escaladera la "
            "Madeleine avant une arrivée au sommet en Maurienne.",
            "Les routes seront fermées dès la veille au soir pour les véhicules.",
            "## Les camping-cars attendus par milliers",
            "« Il faudra organiser le stationnement dès le début de la semaine », prévient le maire de "
            "La Chambre, Roland Bonnivard.",
            'Le parcours détaillé est présenté sur <a href="https://www.letour.fr">le site de l’épreuve</a>.',
        ],
        tags=["cyclisme", "montagne"],
        authors=["mathieu-rochas"],
        photo=("Les lacets du col de la Madeleine.", "Une route de col en lacets au milieu des prairies"),
    ),
    dict(
        key="savoie-escalade-jeunes",
        region="savoie",
        section="sports",
        days=140,
        title="Escalade : une salle de bloc ouvre à Albertville",
        standfirst="Six cents mètres carrés de murs, des créneaux pour les scolaires et un tarif réduit "
        "pour les jeunes du territoire.",
        body=[
            "La salle a ouvert samedi dans une ancienne halle industrielle de la zone du Chiriac. Les "
            "premiers grimpeurs faisaient la queue dès l’ouverture.",
            "Les voies sont renouvelées toutes les trois semaines par une équipe de quatre ouvreurs.",
            "## Un sport devenu populaire",
            "« Depuis les Jeux, les parents nous appellent tous les jours pour inscrire leurs enfants », "
            "raconte la gérante, Manon Carraz.",
            'Les horaires sont disponibles sur <a href="https://www.albertville.fr">le site de la Ville</a>.',
        ],
        tags=["escalade", "jeunesse"],
        authors=["mathieu-rochas"],
        photo=(
            "Un grimpeur dans la nouvelle salle de bloc.",
            "Un grimpeur suspendu à un mur couvert de prises colorées",
        ),
    ),
    # ------------------------------------------------------------------ Savoie / Économie
    dict(
        key="tignes-saison",
        region="savoie",
        section="economie",
        days=12,
        title="Stations de Tarentaise : une saison d’hiver au niveau d’avant la crise",
        standfirst="Les remontées mécaniques annoncent une fréquentation stable malgré un enneigement "
        "tardif. La clientèle étrangère a soutenu les réservations.",
        body=[
            "Les journées-skieurs sont en léger recul en décembre, mais février et mars ont compensé, "
            "selon les chiffres communiqués par les exploitants.",
            "Les Britanniques et les Belges restent les premières clientèles étrangères.",
            "## L’inquiétude sur les saisonniers",
            "« Le vrai problème, ce n’est pas la neige, c’est de loger les saisonniers », insiste Gérard "
            "Mugnier, hôtelier à Tignes.",
            'Les statistiques de fréquentation sont publiées par <a href="https://www.domaines-skiables.fr">'
            "Domaines skiables de France</a>.",
        ],
        tags=["ski", "tourisme", "emploi"],
        authors=["nadia-benali"],
        photo=("Le front de neige de Tignes en fin de saison.", "Des skieurs au pied des pistes sous le soleil"),
        box=(
            "Une journée-skieur, c’est quoi ?",
            "L’unité de mesure des stations : une personne qui skie "
            "une journée, quel que soit le nombre de remontées qu’elle emprunte.",
        ),
        related=["val-thorens-coupe-du-monde"],
    ),
    dict(
        key="lyon-turin-chantier",
        region="savoie",
        section="economie",
        days=52,
        title="Lyon-Turin : 2 000 personnes travaillent sur le chantier du tunnel",
        standfirst="Le creusement du tunnel de base progresse côté français. Les entreprises de Maurienne "
        "profitent des retombées, mais le logement se tend.",
        body=[
            "À Saint-Martin-la-Porte, les tunneliers avancent de plusieurs mètres par jour sous la "
            "montagne. Le chantier fonctionne en trois-huit, sept jours sur sept.",
            "Les commerces de la vallée voient leur chiffre d’affaires progresser, en particulier la restauration.",
            "## Des loyers en hausse",
            "« Un studio qui se louait 350 euros en vaut aujourd’hui 550 », observe Josiane Rey, agente "
            "immobilière à Saint-Jean-de-Maurienne.",
            'L’avancement des travaux est présenté sur <a href="https://www.telt.eu">le site du promoteur public</a>.',
        ],
        tags=["transport", "industrie", "emploi"],
        authors=["nadia-benali"],
        photo=("L’entrée d’une galerie du chantier en Maurienne.", "Une entrée de tunnel éclairée dans la montagne"),
    ),
    dict(
        key="savoie-fromage-beaufort",
        region="savoie",
        section="economie",
        days=75,
        title="Beaufort : la coopérative investit dans une nouvelle cave d’affinage",
        standfirst="Quarante mille meules supplémentaires pourront mûrir dans ce bâtiment creusé à "
        "flanc de colline, livré au printemps.",
        body=[
            "La demande en fromage d’appellation ne faiblit pas et les caves existantes sont saturées. "
            "La coopérative a donc choisi d’agrandir plutôt que de sous-traiter l’affinage.",
            "Le chantier coûtera huit millions d’euros, financés en partie par les producteurs.",
            "## Le lait payé plus cher",
            "« Quand la filière se porte bien, ce sont les éleveurs qui en profitent en premier », "
            "assure le président de la coopérative, Joseph Blanc.",
            'L’appellation présente son cahier des charges sur <a href="https://www.inao.gouv.fr">'
            "le site de l’INAO</a>.",
        ],
        tags=["agriculture", "fromage"],
        authors=["nadia-benali"],
        photo=(
            "Des meules de beaufort dans une cave d’affinage.",
            "Des fromages ronds alignés sur des étagères en bois",
        ),
    ),
    dict(
        key="chambéry-startup-montagne",
        region="savoie",
        section="economie",
        days=-2,
        status="review",
        title="Savoie Technolac : une jeune pousse lève cinq millions pour ses capteurs d’avalanche",
        standfirst="Les capteurs mesurent en continu la stabilité du manteau neigeux. Trente stations "
        "les utilisent déjà.",
        body=[
            "Fondée il y a quatre ans par deux anciens pisteurs, l’entreprise emploie aujourd’hui vingt "
            "personnes au Bourget-du-Lac.",
            "La levée de fonds doit financer l’arrivée sur les marchés suisse et autrichien.",
            "## Une technologie née sur les pistes",
            "« Nous avons construit l’outil dont nous rêvions quand nous déclenchions les avalanches "
            "au petit matin », raconte le cofondateur, Fabien Curtet.",
            'La technopole présente ses entreprises sur <a href="https://www.savoie-technolac.com">son site</a>.',
        ],
        tags=["innovation", "montagne", "ski"],
        authors=["claire-vernet", "sophie-berthollet"],
        photo=("Un capteur installé sur une pente enneigée.", "Un boîtier électronique planté dans la neige"),
    ),
    # ------------------------------------------------------------------ Savoie / Culture
    dict(
        key="chambéry-festival-bd",
        region="savoie",
        section="culture",
        days=8,
        title="Chambéry : le festival de la bande dessinée accueille 120 auteurs",
        standfirst="Expositions, dédicaces et ateliers : le festival investit le centre-ville tout le "
        "week-end, avec la montagne pour thème.",
        body=[
            "Le carré Curial se transforme en immense librairie. Les files d’attente pour les dédicaces "
            "se forment dès l’ouverture.",
            "Une exposition consacrée aux récits d’alpinisme en bande dessinée est présentée au musée.",
            "## Des ateliers pour les enfants",
            "« On veut que les enfants repartent avec l’envie de dessiner, pas seulement un album signé », "
            "explique la présidente du festival, Claudine Favre.",
            'Le programme est en ligne sur <a href="https://www.chambery-tourisme.com">le site de '
            "l’office de tourisme</a>.",
        ],
        tags=["festival", "bande dessinée"],
        authors=["elise-marchand"],
        photo=(
            "Des lecteurs attendent une dédicace au carré Curial.",
            "Une file de lecteurs devant une table de dédicaces",
        ),
    ),
    dict(
        key="aix-théâtre-casino",
        region="savoie",
        section="culture",
        days=36,
        title="Aix-les-Bains : le théâtre du Casino rouvre après deux ans de travaux",
        standfirst="Les décors du XIXe siècle ont été restaurés et la salle modernisée. La première "
        "saison mêle opérette, humour et concerts.",
        body=[
            "Les restaurateurs ont retrouvé sous plusieurs couches de peinture les dorures d’origine du "
            "plafond, désormais visibles.",
            "Les fauteuils ont été changés et la salle est désormais accessible aux personnes à mobilité réduite.",
            "## Une programmation éclectique",
            "« Nous voulons que tous les Aixois se sentent chez eux dans ce théâtre », affirme le "
            "directeur, Bruno Lachenal.",
            'La saison est présentée sur <a href="https://www.aixlesbains.fr">le site de la Ville</a>.',
        ],
        tags=["théâtre", "patrimoine"],
        authors=["elise-marchand"],
        photo=("La salle restaurée du théâtre du Casino.", "Une salle de théâtre rouge et or vue depuis la scène"),
    ),
    dict(
        key="savoie-musique-baroque",
        region="savoie",
        section="culture",
        days=102,
        title="Musique baroque : les églises de Tarentaise résonnent tout l’été",
        standfirst="Le festival des chemins du baroque propose vingt concerts dans des églises de montagne restaurées.",
        body=[
            "Les retables dorés de ces églises, souvent méconnues, servent de décor à des ensembles "
            "venus de toute l’Europe.",
            "Des visites guidées sont proposées avant chaque concert.",
            "## Un public fidèle",
            "« Certains spectateurs viennent chaque été depuis vingt ans et connaissent chaque église », "
            "sourit l’organisatrice, Anne-Sophie Mermoz.",
            'Le programme est disponible auprès de <a href="https://www.savoie-mont-blanc.com">'
            "Savoie Mont Blanc Tourisme</a>.",
        ],
        tags=["musique", "patrimoine", "festival"],
        authors=["elise-marchand"],
        photo=("Un ensemble baroque dans l’église de Peisey.", "Des musiciens devant un retable doré"),
    ),
    dict(
        key="chambéry-médiathèque",
        region="savoie",
        section="culture",
        days=150,
        title="La médiathèque Jean-Jacques-Rousseau prolonge ses horaires le dimanche",
        standfirst="Après une expérimentation réussie, l’établissement ouvrira deux dimanches par mois toute l’année.",
        body=[
            "Plus de 1 500 visiteurs ont franchi les portes à chaque ouverture dominicale pendant "
            "l’expérimentation, un chiffre supérieur à celui d’un samedi.",
            "Les familles représentent plus de la moitié de ce public.",
            "## Des agents volontaires",
            "« Les équipes ont été consultées et les volontaires sont nombreux », assure la directrice, "
            "Christine Dumas.",
            'Les horaires sont précisés sur <a href="https://www.chambery.fr">le site de la Ville</a>.',
        ],
        tags=["lecture", "municipal"],
        authors=["elise-marchand"],
        photo=(
            "La salle de lecture de la médiathèque un dimanche.",
            "Des lecteurs installés dans une grande bibliothèque",
        ),
    ),
    # ------------------------------------------------------------------ Haute-Savoie / Actualités
    dict(
        key="annecy-lac-navettes",
        region="haute-savoie",
        section="actualites",
        days=1,
        title="Annecy : des navettes lacustres pour désengorger la rive ouest",
        standfirst="Deux bateaux électriques relieront Annecy à Sévrier et Duingt toutes les trente "
        "minutes aux heures de pointe.",
        body=[
            "Les embouteillages de la rive ouest sont devenus le premier sujet de plainte des habitants. "
            "Le Grand Annecy mise sur le lac pour offrir une alternative.",
            "Le ticket sera celui du réseau de bus, sans supplément.",
            "## Un essai d’un an",
            "« Si les navettes sont pleines, nous commanderons d’autres bateaux », promet le "
            "vice-président chargé des transports, Serge Pollet.",
            'Les horaires seront publiés sur <a href="https://www.grandannecy.fr">le site de l’agglomération</a>.',
        ],
        tags=["transport", "lac", "mobilité"],
        authors=["sophie-berthollet"],
        photo=("Une navette électrique au ponton d’Annecy.", "Un bateau blanc amarré devant des montagnes"),
        box=(
            "La rive ouest, c’est quoi ?",
            "La route qui longe le lac d’Annecy d’Annecy à Doussard par "
            "Sévrier et Duingt, seul accès routier à ces communes.",
        ),
    ),
    dict(
        key="chamonix-glacier-recul",
        region="haute-savoie",
        section="actualites",
        days=14,
        title="Chamonix : la Mer de Glace a perdu quarante mètres d’épaisseur en vingt ans",
        standfirst="Les glaciologues présentent leurs dernières mesures. L’accès au glacier depuis le "
        "Montenvers nécessite désormais plus de 500 marches.",
        body=[
            "Chaque automne, une équipe de chercheurs mesure l’épaisseur du glacier à l’aide de balises "
            "et de relevés par drone.",
            "Le recul s’accélère depuis une décennie, sous l’effet d’étés de plus en plus chauds.",
            "## Un nouveau point de vue",
            "« Les visiteurs descendent des centaines de marches pour voir un glacier qui leur échappe », "
            "constate la glaciologue Juliette Pernoud.",
            'Les données de suivi sont publiées par <a href="https://glacioclim.osug.fr">l’observatoire '
            "des glaciers</a>.",
        ],
        tags=["environnement", "montagne", "climat"],
        authors=["thomas-gaillard"],
        photo=("La Mer de Glace vue depuis le Montenvers.", "Un glacier gris entouré de parois rocheuses"),
        related=["chamonix-mont-blanc-secours"],
    ),
    dict(
        key="chamonix-mont-blanc-secours",
        region="haute-savoie",
        section="actualites",
        days=30,
        title="Mont-Blanc : les secouristes appellent à la prudence après un week-end chargé",
        standfirst="Vingt-deux interventions en deux jours pour le peloton de gendarmerie de haute "
        "montagne, souvent auprès d’alpinistes mal équipés.",
        body=[
            "Entorses, chutes en crevasse, cordées épuisées : les hélicoptères ont décollé sans "
            "interruption samedi et dimanche.",
            "Les conditions sur la voie normale sont rendues délicates par les chutes de pierres.",
            "## Des conseils répétés",
            "« Renoncer fait partie de l’alpinisme, le sommet sera encore là l’an prochain », rappelle le "
            "capitaine Florent Janin.",
            'Les conditions du jour sont publiées par <a href="https://www.chamoniarde.com">la Chamoniarde</a>.',
        ],
        tags=["montagne", "secours"],
        authors=["thomas-gaillard"],
        photo=("Un hélicoptère de secours au-dessus du glacier.", "Un hélicoptère rouge survole une montagne enneigée"),
        related=["chamonix-glacier-recul"],
    ),
    dict(
        key="thonon-marché-couvert",
        region="haute-savoie",
        section="actualites",
        days=-1,
        status="draft",
        title="Thonon-les-Bains : le marché couvert fermera six mois pour travaux",
        standfirst="Les commerçants seront installés sous des halles provisoires place des Arts le "
        "temps de la rénovation.",
        body=[
            "La toiture fuit, l’isolation est inexistante et les normes sanitaires ont changé : la "
            "rénovation ne pouvait plus attendre, selon la mairie.",
            "Les travaux commenceront après les fêtes.",
            "## Les commerçants rassurés",
            "« Nous restons au cœur de la ville, c’était notre première demande », reconnaît le "
            "fromager Patrick Vuagnat.",
            'Les plans des halles provisoires sont consultables sur <a href="https://www.ville-thonon.fr">'
            "le site de la Ville</a>.",
        ],
        tags=["commerce", "municipal"],
        authors=["sophie-berthollet"],
        photo=("Le marché couvert de Thonon un samedi matin.", "Des étals de marché sous une halle"),
    ),
    # ------------------------------------------------------------------ Haute-Savoie / Sports
    dict(
        key="annecy-hockey-montée",
        region="haute-savoie",
        section="sports",
        days=7,
        title="Hockey : Annecy à une victoire de la montée",
        standfirst="Les Annéciens ont remporté le troisième match de la série et peuvent valider leur "
        "accession dès samedi à domicile.",
        body=[
            "Un but en infériorité numérique a changé la physionomie du match au milieu du deuxième "
            "tiers. Annecy n’a ensuite plus tremblé.",
            "Le gardien a signé son deuxième blanchissage des séries.",
            "## Une patinoire trop petite",
            "« On aurait pu vendre trois fois plus de billets », regrette le président du club, Christophe Bouchet.",
            'Les billets restants sont en vente sur <a href="https://www.annecy.fr">le portail de la Ville</a>.',
        ],
        tags=["hockey"],
        authors=["mathieu-rochas"],
        photo=("Les Annéciens célèbrent leur victoire.", "Des hockeyeurs lèvent les bras sur la glace"),
    ),
    dict(
        key="chamonix-ultra-trail",
        region="haute-savoie",
        section="sports",
        days=65,
        title="Ultra-trail : 10 000 coureurs autour du Mont-Blanc",
        standfirst="La semaine de l’ultra-trail transforme Chamonix en capitale mondiale de la course "
        "en montagne. Les organisateurs renforcent les contrôles.",
        body=[
            "Les coureurs viennent de plus de cent pays. Le grand parcours traverse la France, l’Italie "
            "et la Suisse en 171 kilomètres.",
            "Les organisateurs ont multiplié les contrôles de matériel obligatoire.",
            "## Les habitants entre fête et lassitude",
            "« C’est une semaine magique, à condition de ne pas vouloir se garer », plaisante Monique "
            "Simond, commerçante rue du Docteur-Paccard.",
            'Le suivi des coureurs est accessible sur <a href="https://www.montblanc.utmb.world">le '
            "site de la course</a>.",
        ],
        tags=["trail", "montagne"],
        authors=["mathieu-rochas"],
        photo=("Le départ de la course dans les rues de Chamonix.", "Une foule de coureurs avec des lampes frontales"),
    ),
    dict(
        key="la-clusaz-ski-nordique",
        region="haute-savoie",
        section="sports",
        days=112,
        title="Ski nordique : La Clusaz accueille une étape de Coupe du monde",
        standfirst="Le plateau des Confins recevra les meilleurs fondeurs mondiaux. La station mise sur "
        "la neige de culture stockée l’hiver dernier.",
        body=[
            "Une réserve de neige conservée sous des bâches pendant l’été garantit le tracé, même en cas de redoux.",
            "Plus de quinze mille spectateurs sont attendus sur le week-end.",
            "## Les bénévoles mobilisés",
            "« Trois cents bénévoles font vivre l’événement, du damage au chronométrage », salue le "
            "président du comité d’organisation, Éric Pessey.",
            'Le programme est disponible sur <a href="https://www.laclusaz.com">le site de la station</a>.',
        ],
        tags=["ski", "montagne"],
        authors=["mathieu-rochas"],
        photo=("La piste de ski de fond du plateau des Confins.", "Une piste de ski de fond entre les sapins"),
    ),
    dict(
        key="évian-golf-tournoi",
        region="haute-savoie",
        section="sports",
        days=160,
        title="Golf : le tournoi d’Évian s’offre un nouveau parcours",
        standfirst="Quatre trous ont été redessinés pour rendre le parcours plus exigeant avant le "
        "grand tournoi féminin de l’été.",
        body=[
            "Les travaux ont duré tout l’hiver. Les nouveaux greens surplombent le lac Léman.",
            "Les joueuses découvriront le parcours lors des reconnaissances de mardi.",
            "## Une vitrine pour le Chablais",
            "« Le tournoi fait rayonner tout le Chablais, bien au-delà d’Évian », souligne Marc "
            "Duvernay, président de l’office du tourisme.",
            'Les informations pratiques sont sur <a href="https://www.evian-tourisme.com">le site de '
            "l’office de tourisme</a>.",
        ],
        tags=["golf", "tourisme"],
        authors=["sophie-berthollet"],
        photo=("Le nouveau green du 18 au-dessus du Léman.", "Un green de golf avec le lac en contrebas"),
    ),
    # ------------------------------------------------------------------ Haute-Savoie / Économie
    dict(
        key="arve-décolletage",
        region="haute-savoie",
        section="economie",
        days=10,
        title="Vallée de l’Arve : le décolletage se tourne vers l’aéronautique",
        standfirst="Face au recul de l’automobile, les ateliers de Cluses et Scionzier diversifient leurs "
        "clients. Une reconversion qui exige de nouvelles certifications.",
        body=[
            "Pendant des décennies, les pièces usinées dans la vallée partaient vers les constructeurs "
            "automobiles. La part de ces commandes a fortement diminué.",
            "Plusieurs entreprises ont obtenu les certifications exigées par l’aéronautique et le médical.",
            "## Des investissements lourds",
            "« Une machine pour les pièces d’avion coûte le prix d’une maison », résume Patrice "
            "Mermillod, dirigeant d’un atelier de trente salariés.",
            'Le syndicat professionnel présente la filière sur <a href="https://www.thesame-innovation.com">'
            "le site du cluster</a>.",
        ],
        tags=["industrie", "emploi"],
        authors=["sophie-berthollet"],
        photo=("Un tour numérique dans un atelier de Scionzier.", "Une machine-outil dans un atelier lumineux"),
        box=(
            "Le décolletage, c’est quoi ?",
            "L’usinage de petites pièces de précision dans des barres de "
            "métal, une spécialité de la vallée de l’Arve depuis le XVIIIe siècle.",
        ),
    ),
    dict(
        key="frontaliers-genève",
        region="haute-savoie",
        section="economie",
        days=22,
        title="Travail frontalier : plus de 100 000 Haut-Savoyards travaillent en Suisse",
        standfirst="Le nombre de frontaliers continue de croître. Les collectivités françaises peinent "
        "à recruter infirmiers, enseignants et agents.",
        body=[
            "Les salaires genevois attirent chaque année davantage d’actifs. L’écart peut dépasser le "
            "double pour un même poste.",
            "Les hôpitaux et les écoles du Genevois français manquent de personnel.",
            "## Des primes pour retenir les agents",
            "« Nous formons des infirmières qui partent travailler à Genève deux ans plus tard », déplore "
            "le directeur d’un hôpital, Sébastien Dunand.",
            'Les statistiques sont publiées par <a href="https://www.insee.fr">l’Insee</a>.',
        ],
        tags=["emploi", "transfrontalier"],
        authors=["sophie-berthollet"],
        photo=("La douane de Moillesulaz à l’heure de pointe.", "Une file de voitures à un poste-frontière"),
    ),
    dict(
        key="annecy-immobilier-prix",
        region="haute-savoie",
        section="economie",
        days=55,
        title="Immobilier : les prix autour d’Annecy marquent enfin une pause",
        standfirst="Après dix ans de hausse continue, les notaires constatent une stabilisation des "
        "prix, sans baisse notable.",
        body=[
            "Le mètre carré dans l’ancien reste parmi les plus chers de France hors Paris et la Côte d’Azur.",
            "La hausse des taux d’intérêt a réduit le nombre d’acheteurs.",
            "## Les primo-accédants toujours exclus",
            "« Un jeune couple d’enseignants ne peut plus acheter à Annecy », constate le notaire Antoine Gerfaux.",
            'Les indicateurs sont publiés par <a href="https://www.notaires.fr">les notaires de France</a>.',
        ],
        tags=["logement"],
        authors=["sophie-berthollet"],
        photo=("Des immeubles neufs à Seynod.", "Des immeubles récents au pied d’une montagne"),
    ),
    dict(
        key="haute-savoie-reblochon",
        region="haute-savoie",
        section="economie",
        days=130,
        title="Reblochon : les ventes à l’export progressent",
        standfirst="L’appellation gagne des parts de marché en Allemagne et en Belgique. Les producteurs "
        "fermiers restent attachés aux petites fabrications.",
        body=[
            "Près de 15 000 tonnes sont produites chaque année dans les Aravis et la vallée de Thônes.",
            "Les exportations ont progressé de 8 % sur un an.",
            "## La tartiflette, meilleur ambassadeur",
            "« Les touristes découvrent le fromage en vacances et le cherchent ensuite chez eux », "
            "explique le producteur Henri Bétemps.",
            'L’appellation présente ses producteurs sur <a href="https://www.reblochon.fr">son site</a>.',
        ],
        tags=["agriculture", "fromage"],
        authors=["sophie-berthollet"],
        photo=("Un producteur retourne ses reblochons.", "Des fromages ronds dans une cave"),
    ),
    # ------------------------------------------------------------------ Haute-Savoie / Culture
    dict(
        key="annecy-festival-animation",
        region="haute-savoie",
        section="culture",
        days=5,
        title="Festival du film d’animation : Annecy déroule le tapis rouge",
        standfirst="Plus de 500 films sont projetés pendant une semaine. Les studios du monde entier "
        "présentent leurs prochaines productions.",
        body=[
            "Les files d’attente s’étirent le long du Pâquier dès le matin. Les séances en plein air du "
            "soir réunissent des milliers de spectateurs.",
            "Le marché du film, réservé aux professionnels, affiche complet.",
            "## Une tradition locale",
            "« Les Annéciens lancent des avions en papier avant chaque séance, c’est notre rituel », "
            "sourit la bénévole Émilie Challamel.",
            'La programmation est en ligne sur <a href="https://www.annecyfestival.com">le site du festival</a>.',
        ],
        tags=["cinéma", "festival"],
        authors=["elise-marchand"],
        photo=("L’écran géant du Pâquier lors d’une projection.", "Un écran géant au bord d’un lac à la nuit tombée"),
    ),
    dict(
        key="chamonix-musée-alpin",
        region="haute-savoie",
        section="culture",
        days=38,
        title="Le musée alpin de Chamonix rouvre avec une scénographie repensée",
        standfirst="Cordes en chanvre, piolets en bois et carnets de guides : les collections racontent "
        "deux siècles d’alpinisme.",
        body=[
            "Le musée a fermé pendant dix-huit mois. Les salles ont été réorganisées autour des grandes "
            "premières du massif.",
            "Des écrans tactiles permettent de suivre les itinéraires historiques.",
            "## Les familles de guides ont prêté leurs objets",
            "« Chaque objet a une histoire de famille derrière lui », raconte la conservatrice, Marion Tairraz.",
            'Les horaires sont sur <a href="https://www.chamonix.com">le site de l’office de tourisme</a>.',
        ],
        tags=["exposition", "montagne", "patrimoine"],
        authors=["elise-marchand"],
        photo=("Une vitrine de piolets anciens au musée alpin.", "Des piolets en bois dans une vitrine"),
    ),
    dict(
        key="thonon-fête-livre",
        region="haute-savoie",
        section="culture",
        days=80,
        title="Thonon : la fête du livre invite les auteurs des deux rives du Léman",
        standfirst="Écrivains français et suisses se retrouvent pour trois jours de rencontres au bord du lac.",
        body=[
            "Une soixantaine d’auteurs sont présents, dont plusieurs romanciers lausannois et genevois.",
            "Les lycéens du Chablais décerneront leur propre prix.",
            "## Des rencontres dans les villages",
            "« Nous voulons que le livre aille aussi vers ceux qui ne viennent pas au salon », explique "
            "l’organisatrice, Valérie Dupraz.",
            'Le programme est publié sur <a href="https://www.ville-thonon.fr">le site de la Ville</a>.',
        ],
        tags=["lecture", "festival"],
        authors=["elise-marchand"],
        photo=("Des lecteurs sous les chapiteaux du quai de Rives.", "Des tentes blanches au bord d’un lac"),
    ),
    dict(
        key="annecy-jazz-été",
        region="haute-savoie",
        section="culture",
        days=-14,
        status="scheduled",
        title="Jazz au bord du lac : la programmation de l’été dévoilée",
        standfirst="Douze concerts gratuits dans les jardins de l’Europe, dont quatre avec des musiciens de la région.",
        body=[
            "Le festival, qui fête sa dixième édition, garde sa formule : des concerts en fin de journée, "
            "sans billetterie.",
            "La scène sera déplacée pour limiter les nuisances sonores pour les riverains.",
            "## Une scène pour les élèves",
            "« Les élèves du conservatoire ouvriront chaque soirée », annonce le programmateur, Olivier Bastard.",
            'La programmation est disponible sur <a href="https://www.lac-annecy.com">le site de '
            "l’office de tourisme</a>.",
        ],
        tags=["musique", "festival"],
        authors=["elise-marchand"],
        photo=("Un concert de jazz dans les jardins de l’Europe.", "Un quartet de jazz sur une scène en plein air"),
    ),
    # ------------------------------------------------------------------ Drôme / Actualités
    dict(
        key="valence-gare-parking",
        region="drome",
        section="actualites",
        days=2,
        title="Valence : le parking de la gare TGV agrandi de 400 places",
        standfirst="Les usagers se plaignaient de devoir se garer sur les bas-côtés. Les travaux "
        "commencent à l’automne.",
        body=[
            "La gare de Valence TGV voit passer plus de deux millions de voyageurs par an. Le parking "
            "actuel est saturé dès 8 heures en semaine.",
            "Le nouveau parking sera couvert d’ombrières photovoltaïques.",
            "## Une navette renforcée",
            "« Nous voulons aussi que l’on puisse venir sans sa voiture », insiste le président de "
            "l’agglomération, Marc Chauvin.",
            'Les horaires des navettes sont sur <a href="https://www.sncf-connect.com">SNCF Connect</a>.',
        ],
        tags=["transport", "mobilité"],
        authors=["julien-faure"],
        photo=("Le parking de la gare de Valence TGV.", "Un parking plein devant une gare moderne"),
    ),
    dict(
        key="drôme-sécheresse-arrêté",
        region="drome",
        section="actualites",
        days=18,
        title="Sécheresse : la Drôme passe en alerte renforcée",
        standfirst="Arrosage des jardins interdit, irrigation limitée : la préfecture durcit les "
        "restrictions d’eau dans la moitié sud du département.",
        body=[
            "Le débit de plusieurs rivières, dont le Roubion et l’Eygues, est passé sous les seuils critiques.",
            "Les agriculteurs doivent réduire leurs prélèvements de moitié.",
            "## Les arboriculteurs inquiets",
            "« Sans eau en août, les abricots de l’an prochain sont compromis », s’alarme l’arboricultrice "
            "Sylvie Reynaud.",
            'Les restrictions par commune sont consultables sur <a href="https://vigieau.gouv.fr">VigiEau</a>.',
        ],
        tags=["environnement", "agriculture", "climat"],
        authors=["julien-faure"],
        photo=("Le lit presque à sec de l’Eygues à Nyons.", "Une rivière à sec entre des galets"),
        note=("update", "La préfecture a étendu l’alerte renforcée au Diois jeudi soir."),
    ),
    dict(
        key="montélimar-collège-neuf",
        region="drome",
        section="actualites",
        days=63,
        title="Montélimar : un nouveau collège ouvrira à la rentrée 2027",
        standfirst="Le Département a choisi le quartier de Maubec pour accueillir 700 élèves. "
        "Le bâtiment sera construit en bois.",
        body=[
            "Les deux collèges de la ville sont saturés. Certains élèves font plus de quarante minutes "
            "de car chaque matin.",
            "Le bâtiment sera chauffé par géothermie.",
            "## Les parents satisfaits",
            "« On le demandait depuis dix ans », rappelle la présidente d’une association de parents, Nathalie Brunel.",
            'Le projet est présenté sur <a href="https://www.ladrome.fr">le site du Département</a>.',
        ],
        tags=["école", "jeunesse"],
        authors=["julien-faure"],
        photo=("Le terrain qui accueillera le futur collège.", "Un terrain vague entouré d’arbres"),
    ),
    dict(
        key="die-pont-réouverture",
        region="drome",
        section="actualites",
        days=135,
        title="Die : le pont sur la Drôme rouvre après l’inondation",
        standfirst="Emporté en partie par la crue de l’automne, l’ouvrage a été reconstruit en cinq mois.",
        body=[
            "Les habitants de la rive gauche devaient faire un détour de vingt kilomètres pour rejoindre "
            "le centre-ville.",
            "Le nouveau pont est plus haut d’un mètre pour résister aux crues.",
            "## Une inauguration festive",
            "« Ce pont, c’est le lien entre les deux moitiés de la ville », a lancé le maire, Denis "
            "Aubert, devant les habitants.",
            'Les informations sur les travaux sont sur <a href="https://www.mairie-die.fr">le site de la mairie</a>.',
        ],
        tags=["transport", "municipal"],
        authors=["julien-faure"],
        photo=("Le nouveau pont sur la Drôme à Die.", "Un pont neuf au-dessus d’une rivière"),
    ),
    # ------------------------------------------------------------------ Drôme / Sports
    dict(
        key="valence-rugby-pro",
        region="drome",
        section="sports",
        days=11,
        title="Rugby : Valence Romans signe un succès bonifié",
        standfirst="Quatre essais et une mêlée dominatrice : les Drômois ont offert un bel après-midi "
        "à leurs supporters.",
        body=[
            "Le match a basculé juste avant la pause sur un essai de pénalité obtenu en mêlée.",
            "Le demi d’ouverture a réussi huit tirs au but sur neuf.",
            "## Le top 6 en ligne de mire",
            "« On commence à jouer comme on l’avait imaginé en début de saison », savoure l’entraîneur, "
            "Frédéric Chabanne.",
            'Le classement est disponible sur <a href="https://www.lnr.fr">le site de la Ligue</a>.',
        ],
        tags=["rugby"],
        authors=["mathieu-rochas"],
        photo=("Un essai valentinois en seconde période.", "Un rugbyman plonge dans l’en-but"),
    ),
    dict(
        key="drôme-cyclo-ventoux",
        region="drome",
        section="sports",
        days=48,
        title="Cyclosportive : 3 000 cyclistes dans les Baronnies",
        standfirst="L’épreuve fait étape à Nyons et Buis-les-Baronnies avant l’ascension du mont Ventoux par le nord.",
        body=[
            "Les participants venaient de vingt pays. Les organisateurs avaient limité les inscriptions "
            "pour préserver les routes étroites des Baronnies.",
            "Les ravitaillements mettaient en avant les olives et les abricots locaux.",
            "## Les villages en fête",
            "« Voir passer trois mille vélos devant chez soi, ça ne s’oublie pas », sourit une habitante "
            "de Mollans-sur-Ouvèze, Germaine Roux.",
            'Les résultats sont publiés sur <a href="https://www.baronnies-provencales.fr">le site du '
            "parc naturel</a>.",
        ],
        tags=["cyclisme"],
        authors=["mathieu-rochas"],
        photo=("Le peloton dans les oliveraies près de Nyons.", "Des cyclistes sur une route entre des oliviers"),
    ),
    dict(
        key="romans-basket-montée",
        region="drome",
        section="sports",
        days=90,
        title="Basket : les Romanaises montent en Nationale 1",
        standfirst="Invaincues à domicile, les basketteuses ont validé leur montée devant un gymnase comble.",
        body=[
            "La victoire face au dauphin a mis fin à tout suspense, à trois journées de la fin.",
            "Le club compte désormais plus de trois cents licenciées.",
            "## Un budget à trouver",
            "« La montée, c’est bien ; il faut maintenant convaincre des partenaires », prévient le "
            "président, Jacques Bonnet.",
            'Le calendrier de la saison sera sur <a href="https://www.ffbb.com">le site de la fédération</a>.',
        ],
        tags=["basket"],
        authors=["mathieu-rochas"],
        photo=("Les Romanaises fêtent leur montée.", "Des basketteuses en cercle sur un parquet"),
    ),
    dict(
        key="drôme-canoë-rivière",
        region="drome",
        section="sports",
        days=125,
        title="Canoë : la descente de la Drôme réunit 600 participants",
        standfirst="La rivière sauvage offre un parcours de 20 kilomètres entre Saillans et Crest.",
        body=[
            "Le niveau d’eau, suffisant grâce aux pluies de mai, a permis de maintenir l’épreuve.",
            "Des familles côtoyaient des compétiteurs confirmés.",
            "## La rivière protégée",
            "« Nous limitons le nombre de bateaux pour ne pas déranger les oiseaux nicheurs », explique "
            "l’organisateur, Loïc Arnaud.",
            'Les règles de navigation sont sur <a href="https://www.riviere-drome.fr">le site de la '
            "communauté de communes</a>.",
        ],
        tags=["canoë", "environnement"],
        authors=["julien-faure"],
        photo=("Des canoës sur la Drôme à Saillans.", "Des canoës colorés sur une rivière claire"),
    ),
    # ------------------------------------------------------------------ Drôme / Économie
    dict(
        key="tain-hermitage-vendanges",
        region="drome",
        section="economie",
        days=13,
        title="Tain-l’Hermitage : des vendanges précoces mais prometteuses",
        standfirst="Le raisin a mûri vite avec la chaleur. Les vignerons de la colline s’attendent à "
        "un millésime concentré.",
        body=[
            "Les premiers coups de sécateur ont été donnés dès le 25 août sur les coteaux de l’Hermitage, "
            "dix jours plus tôt que la moyenne.",
            "Les vendangeurs travaillent à la main sur des pentes qui dépassent souvent 40 %.",
            "## Des volumes en baisse",
            "« Moins de jus, mais une qualité remarquable », résume le vigneron Jean-Louis Chave-Martin.",
            'L’appellation est présentée sur <a href="https://www.vins-rhone.com">le site de l’interprofession</a>.',
        ],
        tags=["vin", "agriculture"],
        authors=["julien-faure"],
        photo=(
            "Des vendangeurs sur la colline de l’Hermitage.",
            "Des vendangeurs sur une pente de vignes en terrasses",
        ),
        box=(
            "Un millésime, c’est quoi ?",
            "L’année de récolte du raisin. On parle de grand millésime quand la météo a permis une maturité idéale.",
        ),
        related=["nyons-olives"],
    ),
    dict(
        key="nyons-olives",
        region="drome",
        section="economie",
        days=41,
        title="Nyons : l’huile d’olive AOP résiste à la concurrence espagnole",
        standfirst="Les moulins de Nyons misent sur la qualité et la vente directe. La récolte de "
        "tanche s’annonce correcte.",
        body=[
            "La variété tanche, emblématique du pays nyonsais, donne une huile douce très recherchée.",
            "Les prix restent trois fois plus élevés que ceux de l’huile importée.",
            "## La vente directe en hausse",
            "« Les clients viennent goûter au moulin et repartent avec plusieurs bouteilles », observe le "
            "mouliner, Bernard Ughetto.",
            'L’appellation est décrite sur <a href="https://www.inao.gouv.fr">le site de l’INAO</a>.',
        ],
        tags=["agriculture", "commerce"],
        authors=["julien-faure"],
        photo=("Des olives noires dans un moulin de Nyons.", "Des olives noires dans une caisse"),
        related=["tain-hermitage-vendanges"],
    ),
    dict(
        key="romans-chaussure",
        region="drome",
        section="economie",
        days=85,
        title="Romans-sur-Isère : la chaussure relance des ateliers",
        standfirst="Deux marques ont choisi de relocaliser leur fabrication dans la capitale historique "
        "de la chaussure.",
        body=[
            "La ville a compté jusqu’à cent usines de chaussures. Il n’en restait qu’une poignée.",
            "Une école de formation aux métiers du cuir ouvre en septembre.",
            "## Un savoir-faire à transmettre",
            "« Les derniers piqueurs partent à la retraite, il faut former vite », prévient le "
            "fondateur d’une marque, Antoine Revol.",
            'Le musée de la chaussure raconte cette histoire : <a href="https://www.ville-romans.fr">'
            "informations sur le site de la Ville</a>.",
        ],
        tags=["industrie", "emploi", "commerce"],
        authors=["julien-faure"],
        photo=("Une piqueuse dans un atelier de Romans.", "Une ouvrière coud une chaussure en cuir"),
    ),
    dict(
        key="crest-tiers-lieu",
        region="drome",
        section="economie",
        days=145,
        title="Crest : un tiers-lieu pour les indépendants dans l’ancienne filature",
        standfirst="Bureaux partagés, atelier de fabrication et café : le lieu accueille déjà "
        "quarante travailleurs indépendants.",
        body=[
            "La filature était fermée depuis trente ans. Une coopérative l’a rachetée et rénovée.",
            "Le lieu accueille aussi une crèche associative.",
            "## Des citadins venus s’installer",
            "« Beaucoup arrivent de Lyon ou de Paris et cherchaient un lieu pour ne pas travailler "
            "seuls », explique la cogérante, Agathe Morin.",
            'La coopérative présente ses activités sur <a href="https://www.crest.fr">le site de la Ville</a>.',
        ],
        tags=["emploi", "patrimoine"],
        authors=["julien-faure"],
        photo=("L’ancienne filature de Crest transformée en tiers-lieu.", "Un bâtiment industriel en pierre rénové"),
    ),
    # ------------------------------------------------------------------ Drôme / Culture
    dict(
        key="valence-scène-nationale",
        region="drome",
        section="culture",
        days=3,
        title="Valence : la scène nationale dévoile une saison tournée vers la danse",
        standfirst="Vingt spectacles de danse sur quarante, dont trois créations accueillies en résidence.",
        body=[
            "La saison s’ouvrira avec une pièce pour vingt danseurs amateurs de la région.",
            "Les tarifs pour les moins de vingt-cinq ans baissent.",
            "## Un public à conquérir",
            "« La danse fait peur à certains spectateurs ; nous voulons leur montrer qu’elle se "
            "partage », affirme la directrice, Catherine Morel.",
            'La saison est présentée sur <a href="https://www.lux-valence.com">le site de la scène nationale</a>.',
        ],
        tags=["danse", "théâtre"],
        authors=["elise-marchand"],
        photo=("Une répétition sur le plateau de la scène nationale.", "Des danseurs en mouvement sur une scène"),
    ),
    dict(
        key="grignan-château-correspondances",
        region="drome",
        section="culture",
        days=33,
        title="Grignan : les lectures sous les étoiles font salle comble",
        standfirst="Les comédiens lisent des correspondances célèbres devant la façade du château, "
        "chaque soir de l’été.",
        body=[
            "Le festival rend hommage à la tradition épistolaire qui a fait la renommée du village.",
            "Certaines soirées affichent complet des semaines à l’avance.",
            "## Des lettres d’aujourd’hui",
            "« Nous lisons aussi des lettres contemporaines, envoyées par des habitants », révèle le "
            "directeur, Julien Ferrand.",
            'Le programme est sur <a href="https://www.chateaux-ladrome.fr">le site des châteaux de la Drôme</a>.',
        ],
        tags=["festival", "lecture", "patrimoine"],
        authors=["elise-marchand"],
        photo=("Une lecture devant le château de Grignan.", "Un comédien lit sur une scène devant un château"),
    ),
    dict(
        key="dieulefit-céramique",
        region="drome",
        section="culture",
        days=78,
        title="Dieulefit : la biennale de céramique réunit cinquante potiers",
        standfirst="Le village, haut lieu de la poterie, accueille des créateurs venus de toute la France.",
        body=[
            "Expositions, démonstrations de tournage et marché de potiers animent le village pendant deux semaines.",
            "Une exposition retrace l’histoire des ateliers de la commune.",
            "## Des vocations qui naissent",
            "« Chaque biennale, des jeunes viennent me demander comment devenir potier », raconte la "
            "céramiste Lucie Vernay.",
            'Les informations sont disponibles sur <a href="https://www.dieulefit-tourisme.com">le site '
            "de l’office de tourisme</a>.",
        ],
        tags=["artisanat", "exposition"],
        authors=["elise-marchand"],
        photo=("Un potier au tour lors de la biennale.", "Des mains façonnent un vase sur un tour"),
    ),
    dict(
        key="drôme-cinéma-itinérant",
        region="drome",
        section="culture",
        days=-2,
        status="draft",
        title="Le cinéma itinérant sillonne les villages du Diois",
        standfirst="Un camion équipé d’un projecteur numérique apporte le cinéma dans vingt communes sans salle.",
        body=[
            "Les séances ont lieu dans les salles des fêtes, une fois par mois dans chaque village.",
            "Le tarif unique est de cinq euros.",
            "## Des séances très attendues",
            "« C’est la seule sortie du mois pour certains habitants âgés », souligne le projectionniste, René Magnan.",
            'Le calendrier des séances est sur <a href="https://www.ladrome.fr">le site du Département</a>.',
        ],
        tags=["cinéma"],
        authors=["elise-marchand"],
        photo=(
            "Le camion du cinéma itinérant devant la salle des fêtes.",
            "Un camion garé devant une salle de village",
        ),
    ),
]


# --- the phrase bank of the bulk articles (``demo_content --articles N``) -------------

TOWNS = {
    "isere": [
        "Grenoble",
        "Voiron",
        "Vienne",
        "Bourgoin-Jallieu",
        "Échirolles",
        "Meylan",
        "Crolles",
        "Villard-de-Lans",
        "Vizille",
        "La Mure",
        "L’Isle-d’Abeau",
        "Saint-Marcellin",
    ],
    "savoie": [
        "Chambéry",
        "Aix-les-Bains",
        "Albertville",
        "Moûtiers",
        "Bourg-Saint-Maurice",
        "Saint-Jean-de-Maurienne",
        "Modane",
        "La Motte-Servolex",
        "Montmélian",
        "Ugine",
    ],
    "haute-savoie": [
        "Annecy",
        "Annemasse",
        "Thonon-les-Bains",
        "Évian-les-Bains",
        "Cluses",
        "Sallanches",
        "Chamonix",
        "Rumilly",
        "Bonneville",
        "La Roche-sur-Foron",
        "Saint-Julien-en-Genevois",
    ],
    "drome": [
        "Valence",
        "Montélimar",
        "Romans-sur-Isère",
        "Crest",
        "Die",
        "Nyons",
        "Pierrelatte",
        "Tain-l’Hermitage",
        "Dieulefit",
        "Saint-Vallier",
        "Livron-sur-Drôme",
    ],
}

HEADLINES = {
    "actualites": [
        "le conseil municipal adopte son budget",
        "la rénovation de l’école primaire commence",
        "une nouvelle ligne de bus desservira la zone d’activités",
        "les habitants consultés sur l’avenir du centre-ville",
        "la piscine municipale fermée pour travaux",
        "un incendie détruit un hangar agricole",
        "la maison de santé accueille deux nouveaux médecins",
        "le marché du samedi change de place",
    ],
    "sports": [
        "le club de football s’impose dans le derby",
        "les handballeuses décrochent leur maintien",
        "un jeune skieur sélectionné en équipe de France",
        "le tournoi de tennis bat son record d’inscrits",
        "la course de côte attire les pilotes de toute la région",
        "le club de rugby inaugure ses nouveaux vestiaires",
        "les nageurs ramènent cinq médailles des championnats régionaux",
    ],
    "economie": [
        "une entreprise de mécanique recrute trente salariés",
        "la zone artisanale s’agrandit de dix hectares",
        "les commerçants du centre-ville lancent une carte de fidélité",
        "la fromagerie investit dans une nouvelle ligne de production",
        "le salon de l’emploi attire un millier de visiteurs",
        "une jeune pousse lève des fonds pour s’agrandir",
        "les agriculteurs ouvrent un magasin de producteurs",
    ],
    "culture": [
        "le festival de musique dévoile sa programmation",
        "la médiathèque fête ses vingt ans",
        "une exposition de photographies anciennes à la mairie",
        "le théâtre municipal affiche complet pour sa rentrée",
        "les Journées du patrimoine ouvrent des lieux inédits",
        "un atelier d’écriture pour les collégiens",
        "le cinéma rouvre après sa rénovation",
    ],
}

BULK_PARAGRAPHS = [
    "La décision a été prise en fin de semaine, après plusieurs mois de discussions entre la commune, "
    "les associations et les habitants du quartier.",
    "Les premiers effets devraient être visibles dès les prochaines semaines, selon les services "
    "municipaux, qui promettent un point d’étape régulier.",
    "Sur place, les avis restent partagés. Certains saluent une bonne nouvelle, d’autres attendent "
    "de voir le résultat avant de se prononcer.",
    "Le projet représente un investissement important pour une commune de cette taille, financé en "
    "partie par le Département et la Région.",
    "Une réunion publique est prévue à la salle des fêtes pour répondre aux questions des habitants.",
]

BULK_QUOTES = [
    ("C’est une étape importante pour toute la commune", "l’adjoint chargé du dossier"),
    ("Nous attendions ce moment depuis longtemps", "une habitante du quartier"),
    ("Il faudra encore du temps, mais la direction est la bonne", "le président de l’association"),
    ("Nous avons été écoutés, c’est déjà beaucoup", "un commerçant du centre"),
]

BULK_INTERTITLES = ["Un calendrier serré", "Les habitants partagés", "Et maintenant ?", "Un projet de longue date"]


# --- the phrase bank of the bulk reactions (``demo_content --reactions N``) ----------
REACTION_FIRST_NAMES = [
    "Camille",
    "Julien",
    "Nathalie",
    "Thierry",
    "Sophie",
    "Mathieu",
    "Élodie",
    "Bernard",
    "Chantal",
    "Romain",
    "Aurélie",
    "Gérard",
    "Manon",
    "Yannick",
    "Hélène",
    "Karim",
    "Lucie",
    "Jean-Marc",
]
REACTION_OPENINGS = [
    "Merci pour cet article très complet.",
    "Enfin quelqu’un qui en parle !",
    "Je ne suis pas tout à fait d’accord avec cette analyse.",
    "Habitant du quartier depuis vingt ans, je confirme.",
    "Il était temps que la commune s’en occupe.",
    "Encore une décision prise sans consulter les riverains.",
    "Bravo aux bénévoles pour leur engagement.",
    "On attend toujours les chiffres précis.",
]
REACTION_FOLLOW_UPS = [
    "Reste à savoir qui paiera la facture.",
    "Les promesses n’engagent que ceux qui les écoutent.",
    "J’espère que le calendrier sera tenu cette fois.",
    "Ce serait bien d’avoir un suivi dans quelques mois.",
    "La situation est la même dans la vallée voisine.",
    "Nos enfants en profiteront, c’est l’essentiel.",
    "Le stationnement reste le vrai problème.",
    "Une réunion publique serait la bienvenue.",
]

# Readers' reactions of the demo: (article key, name, e-mail, message, approved by the desk?).
# Each names its article, so a later run finds the same ones; those left pending fill the
# moderators' queue.
STREET = "grenoble-rue-piétonne"
DEMO_REACTIONS = [
    (
        STREET,
        "Martine G.",
        "martine.g@example.org",
        "Enfin ! Le samedi, on ne s'entendait plus parler dans cette rue.",
        True,
    ),
    (STREET, "Yannick", "yannick.b@example.org", "Et les livraisons, on en fait quoi après 10 heures ?", True),
    (
        "annecy-lac-navettes",
        "Sophie L.",
        "sophie.l@example.org",
        "Merci pour cet article clair : on comprend ce qui change concrètement.",
        True,
    ),
    (
        STREET,
        "Karim",
        "karim.t@example.org",
        "J'habite le quartier depuis vingt ans, c'est une bonne nouvelle pour les familles.",
        True,
    ),
    (
        STREET,
        "Hélène",
        "helene.r@example.org",
        "Dommage que rien ne soit prévu pour les personnes âgées qui viennent en voiture.",
        True,
    ),
    (STREET, "Pierre-Yves", "py.m@example.org", "Il manque l'avis des riverains de la rue voisine.", False),
    (STREET, "Nadia", "nadia.k@example.org", "Quelqu'un sait si le marché du dimanche est concerné aussi ?", False),
    (
        "chambéry-festival-bd",
        "Jean-Marc",
        "jm.v@example.org",
        "Bravo aux bénévoles, c'était une très belle édition.",
        True,
    ),
    (STREET, "Lucie", "lucie.p@example.org", "Les horaires de l'encadré valent-ils pendant les vacances ?", False),
]
