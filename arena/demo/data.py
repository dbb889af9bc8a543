"""The demo's fixed content: arenas, accounts, neighbours and proposals (invented)."""

THEMES = ["transport", "energy", "plastics", "consumption", "local_food"]
CO_BENEFITS = [
    "fewer_car_trips",
    "physical_activity",
    "less_waste",
    "cleaner_air",
    "social_contact",
    "healthier_food",
    "lower_costs",
]

# (slug, name, description in Swedish, in English, phase the current cycle is in at first seed)
ARENAS = [
    (
        "jarva",
        "Järva",
        "Järvaområdet i nordvästra Stockholm med Akalla, Husby, Kista, Hjulsta, Tensta och "
        "Rinkeby. "
        "Här bor omkring 90 000 människor, och många föreningar och bostadsbolag är aktiva i "
        "omställningen.",
        "The Järva area in north-west Stockholm: Akalla, Husby, Kista, Hjulsta, Tensta and "
        "Rinkeby. "
        "About 90,000 people live here, and many associations and housing companies take part.",
        "voting",
    ),
    (
        "skarholmen",
        "Skärholmen",
        "Stadsdelsområdet Skärholmen i sydvästra Stockholm med Bredäng, Sätra, Skärholmen och "
        "Vårberg.",
        "The Skärholmen district in south-west Stockholm: Bredäng, Sätra, Skärholmen and Vårberg.",
        "proposing",
    ),
    (
        "norra-djurgardsstaden",
        "Norra Djurgårdsstaden",
        "Ett av Stockholms största stadsutvecklingsområden, i Hjorthagen, Värtahamnen och "
        "Frihamnen, "
        "byggt med höga krav på miljö och klimat.",
        "One of Stockholm's largest urban development areas, in Hjorthagen, Värtahamnen and "
        "Frihamnen, "
        "built to high environmental standards.",
        "proposing",
    ),
    (
        "innerstaden",
        "Innerstaden",
        "Stockholms innerstad: Norrmalm, Östermalm, Kungsholmen och Södermalm, med många "
        "verksamheter, "
        "besökare och boende på liten yta.",
        "Stockholm's inner city: Norrmalm, Östermalm, Kungsholmen and Södermalm, with many "
        "businesses, "
        "visitors and residents in a small area.",
        "selection",
    ),
    (
        "sgid",
        "Stockholm Green Innovation District",
        "Området från Årsta till Sickla, där företag, fastighetsägare, forskning och boende "
        "samarbetar för att pröva nya klimatlösningar.",
        "The area from Årsta to Sickla, where businesses, property owners, researchers and "
        "residents "
        "work together to test new climate solutions.",
        "testing",
    ),
]

DEMO_ACCOUNTS = [
    # (e-mail, public name, password, role)
    ("resident@example.org", "Amina (demo)", "demo-resident-2026", "resident"),
    (
        "facilitator@example.org",
        "Johan, facilitator (demo)",
        "demo-facilitator-2026",
        "facilitator",
    ),
    ("staff@example.org", "Maria, Stockholms stad (demo)", "demo-staff-2026", "staff"),
    ("admin@example.org", "Admin (demo)", "demo-admin-2026", "admin"),
]

NEIGHBOURS = [
    ("layla@example.org", "Layla"),
    ("erik@example.org", "Erik"),
    ("hodan@example.org", "Hodan"),
    ("mikko@example.org", "Mikko"),
    ("sara@example.org", "Sara"),
    ("ahmed@example.org", "Ahmed"),
    ("karin@example.org", "Karin"),
]

# (arena slug, theme, language, title, summary, co-benefits, supports from the first N neighbours)
PROPOSALS = [
    (
        "jarva",
        "transport",
        "sv",
        "Lånecyklar vid Tensta centrum",
        "En pool med lådcyklar och vanliga cyklar som boende kan låna gratis för inköp och "
        "utflykter.",
        ["fewer_car_trips", "physical_activity"],
        6,
    ),
    (
        "jarva",
        "local_food",
        "sv",
        "Odlingslotter på taket i Husby",
        "Gör om outnyttjade tak och gårdar till odlingar som sköts av boende och skolor "
        "tillsammans.",
        ["healthier_food", "social_contact"],
        5,
    ),
    (
        "jarva",
        "plastics",
        "sv",
        "Pantstation för plast i Rinkeby",
        "En bemannad station där hushållen lämnar plast och får hjälp att sortera rätt.",
        ["less_waste"],
        4,
    ),
    (
        "jarva",
        "energy",
        "sv",
        "Energiombud i varje trappuppgång",
        "Utbilda boende som ombud som hjälper grannar att sänka elförbrukningen, på flera språk.",
        ["lower_costs", "social_contact"],
        4,
    ),
    (
        "jarva",
        "consumption",
        "sv",
        "Reparationskafé i Akalla",
        "Ett månatligt kafé där vi lagar kläder, cyklar och elektronik tillsammans i stället för "
        "att köpa nytt.",
        ["less_waste", "social_contact", "lower_costs"],
        3,
    ),
    (
        "jarva",
        "transport",
        "sv",
        "Säkra skolvägar i Hjulsta",
        "Bilfria gator vid skolstart och skolslut så att fler barn kan gå och cykla till skolan.",
        ["physical_activity", "cleaner_air", "fewer_car_trips"],
        3,
    ),
    (
        "jarva",
        "consumption",
        "en",
        "Clothes swap at Kista library",
        "A quarterly clothes swap for families, run together with the library and local "
        "associations.",
        ["less_waste", "lower_costs"],
        2,
    ),
    (
        "jarva",
        "transport",
        "en",
        "Cycling lessons for newcomers in Rinkeby",
        "Free lessons for adults who never learnt to cycle, with bikes and helmets to borrow, "
        "so that more people can take the bike to work.",
        ["physical_activity", "fewer_car_trips"],
        1,
    ),
    (
        "jarva",
        "local_food",
        "sv",
        "Gemensamt växthus vid Järvafältet",
        "Ett växthus där föreningar odlar grönsaker och håller kurser för barn och vuxna.",
        ["healthier_food", "physical_activity"],
        2,
    ),
    (
        "jarva",
        "energy",
        "sv",
        "Solceller på förskolornas tak",
        "Stadens förskolor i Järva får solceller, och barnen följer hur mycket el som produceras.",
        ["lower_costs"],
        1,
    ),
    (
        "jarva",
        "plastics",
        "sv",
        "Plastfri marknad på Husby torg",
        "Torghandlarna går ihop och slutar med engångsplast, med gemensamma påsar och burkar att "
        "låna.",
        ["less_waste"],
        1,
    ),
    (
        "jarva",
        "transport",
        "sv",
        "Bilpool för bostadsrättsföreningar",
        "Föreningarna delar några elbilar så att fler kan avstå från egen bil.",
        ["fewer_car_trips", "lower_costs"],
        0,
    ),
    (
        "jarva",
        "consumption",
        "sv",
        "Verktygsbibliotek i Tensta",
        "Låna borrmaskin, stege och symaskin i stället för att köpa. Drivs av hyresgästföreningen.",
        ["less_waste", "lower_costs", "social_contact"],
        0,
    ),
    (
        "skarholmen",
        "transport",
        "sv",
        "Cykelkurser för vuxna i Vårberg",
        "Kurser för vuxna som vill lära sig cykla, med lånecyklar och hjälmar.",
        ["physical_activity", "fewer_car_trips"],
        0,
    ),
    (
        "skarholmen",
        "local_food",
        "sv",
        "Skolträdgård i Sätra",
        "Eleverna odlar grönsaker som serveras i skolmatsalen.",
        ["healthier_food"],
        0,
    ),
    (
        "skarholmen",
        "plastics",
        "en",
        "Refill stations in Skärholmen centre",
        "Shops offer refills of detergent and dry goods so that customers can bring their own "
        "containers.",
        ["less_waste"],
        0,
    ),
    (
        "norra-djurgardsstaden",
        "energy",
        "sv",
        "Delad energilagring i kvarteret",
        "Bostadsrättsföreningar delar batterier som lagrar solel till kvällen.",
        ["lower_costs"],
        0,
    ),
    (
        "norra-djurgardsstaden",
        "transport",
        "sv",
        "Lastcykelpool vid Hjorthagen",
        "Lådcyklar som boende bokar i en app eller på papper i porten.",
        ["fewer_car_trips", "physical_activity"],
        0,
    ),
    (
        "innerstaden",
        "consumption",
        "sv",
        "Second hand-karta för Södermalm",
        "En tryckt och digital karta över second hand-butiker, reparatörer och lånetjänster.",
        ["less_waste", "lower_costs"],
        6,
    ),
    (
        "innerstaden",
        "transport",
        "sv",
        "Sommargågata på Kungsholmen",
        "En gata blir gågata under sommaren, med bänkar, växter och plats för lek.",
        ["cleaner_air", "social_contact", "physical_activity"],
        5,
    ),
    (
        "innerstaden",
        "plastics",
        "sv",
        "Återbrukbara muggar på kaféerna",
        "Kaféerna går ihop i ett pantsystem för muggar så att engångsmuggarna försvinner.",
        ["less_waste"],
        3,
    ),
    (
        "innerstaden",
        "energy",
        "en",
        "Energy advice for small shops",
        "Free energy check-ups for small shops and restaurants, with follow-up after six months.",
        ["lower_costs"],
        1,
    ),
    (
        "sgid",
        "energy",
        "sv",
        "Spillvärme från serverhallen i Sickla",
        "Värmen från en serverhall värmer närliggande bostäder i stället för att släppas ut.",
        ["lower_costs"],
        4,
    ),
    (
        "sgid",
        "transport",
        "sv",
        "Samlastning av leveranser i Årsta",
        "Paket till butiker och kontor samlas i en hubb och körs ut med elcykel.",
        ["cleaner_air", "fewer_car_trips"],
        3,
    ),
    (
        "sgid",
        "local_food",
        "sv",
        "Matsvinnsbutik i Hammarby sjöstad",
        "En butik som säljer mat som annars skulle slängas, i samarbete med grossister.",
        ["less_waste", "lower_costs", "healthier_food"],
        2,
    ),
]
