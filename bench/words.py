"""Word pools the generator draws from: real words first, invented ones for the long tail.

Real libraries follow Zipf's law: a few hundred words fill most titles and the long tail of
rare words (and rare surnames) grows with the library. The pools below give the head; the
generator invents the tail from the syllables, so a large library has a realistic vocabulary
size (which is what a token index and a fuzzy vocabulary lookup pay for).
"""

from __future__ import annotations

# fmt: off
TITLE_WORDS = (
    "peer", "support", "mental", "health", "randomized", "controlled", "trial", "recovery",
    "depression", "anxiety", "community", "intervention", "outcomes", "services", "study",
    "effects", "care", "patients", "treatment", "clinical", "evaluation", "cohort", "analysis",
    "systematic", "review", "meta-analysis", "adults", "children", "adolescents", "quality",
    "life", "hospital", "readmission", "self-management", "wellness", "program", "primary",
    "psychiatric", "rehabilitation", "schizophrenia", "bipolar", "disorder", "severe", "illness",
    "employment", "housing", "homelessness", "substance", "use", "alcohol", "smoking", "cessation",
    "suicide", "prevention", "crisis", "team", "workers", "training", "supervision", "fidelity",
    "implementation", "feasibility", "pilot", "qualitative", "interviews", "experiences",
    "perspectives", "stigma", "discrimination", "empowerment", "hope", "hopefulness",
    "self-efficacy", "social", "inclusion", "network", "family", "caregivers", "youth", "veterans",
    "trauma", "posttraumatic", "stress", "resilience", "wellbeing", "digital", "online", "mobile",
    "app", "telehealth", "cost-effectiveness", "economic", "policy", "practice", "guidelines",
    "model", "framework", "measurement", "scale", "validation", "psychometric", "properties",
    "longitudinal", "follow-up", "outcome", "predictors", "risk", "factors", "protective",
    "population", "national", "survey", "prevalence", "incidence", "rural", "urban", "ethnic",
    "minority", "women", "men", "older", "people", "living", "with", "lived", "experience",
    "education", "group", "individual", "therapy", "cognitive", "behavioural", "behavioral",
    "mindfulness", "psychosis", "early", "first-episode", "medication", "adherence", "shared",
    "decision-making", "person-centred", "coproduction", "engagement", "retention", "attrition",
    "barriers", "facilitators", "integrated", "collaborative", "emergency", "department",
    "inpatient", "outpatient", "discharge", "transition", "continuity", "workforce", "burnout",
    "professional", "roles", "identity", "organisational", "culture", "change", "mechanisms",
    "process", "theory", "realist", "mixed-methods", "pragmatic", "multicentre", "cluster",
    "stepped-wedge", "protocol", "secondary", "exploratory", "comparison", "usual", "effect",
    "impact", "association", "relationship", "between", "among", "across", "within", "during",
    "after", "before", "toward", "towards", "using", "based", "approach", "evidence", "synthesis",
    "case", "series", "report", "lessons", "learned", "challenges", "opportunities", "future",
    "directions", "new", "novel", "brief", "long-term", "short-term", "sustained", "improving",
    "reducing", "promoting", "enhancing", "assessing", "measuring", "understanding", "exploring",
    "developing", "testing", "comparing", "predicting", "neural", "genetic", "biomarkers",
    "inflammation", "sleep", "physical", "activity", "exercise", "nutrition", "obesity",
    "diabetes", "cardiovascular", "chronic", "pain", "cancer", "HIV", "COVID-19", "pandemic",
    "lockdown", "loneliness", "isolation", "migrants", "refugees", "asylum", "prison", "forensic",
    "violence", "victimization", "bullying", "school", "university", "students", "workplace",
)
FUNCTION_WORDS = ("of", "the", "in", "and", "for", "a", "with", "on", "to", "among", "from")
JOURNAL_FIELDS = (
    "Mental Health", "Psychiatry", "Psychiatric Services", "Community Psychology", "Psychology",
    "Public Health", "Health Services Research", "Social Psychiatry", "Nursing", "Social Work",
    "Rehabilitation", "Addiction", "Clinical Psychology", "Epidemiology", "Behavioral Medicine",
    "Health Policy", "Primary Care", "Psychotherapy", "Recovery Studies", "Medical Informatics",
)
JOURNAL_PATTERNS = (
    "Journal of {0}", "{0} Research", "Annals of {0}", "International Journal of {0}",
    "{0} Quarterly", "Journal of {0} and {1}", "Advances in {0}", "{0} Review",
    "European Journal of {0}", "BMC {0}", "Frontiers in {0}", "Archives of {0}",
)
SURNAMES = (
    "Müller", "Øster", "García", "Nguyễn", "Kowalczyk", "Dvořák", "Šimić", "Søndergaard",
    "Håkansson", "Çelik", "Yılmaz", "Ødegaard", "Gómez", "López", "Martínez", "Pérez", "Jiménez",
    "Böhm", "Schröder", "Köhler", "Jäger", "Weiß", "Łukaszewicz", "Wróbel", "Zieliński",
    "Nowák", "Novotná", "Horváth", "Kovács", "Szabó", "Tóth", "Lindström", "Åkesson", "Björk",
    "Grønlund", "Ólafsdóttir", "Guðmundsson", "Trần", "Lê", "Phạm", "Đặng", "Smith", "Johnson",
    "Williams", "Brown", "Jones", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore",
    "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
    "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Cook",
    "Copeland", "Gillard", "Lloyd-Evans", "O'Brien", "MacFarlane", "Wang", "Li", "Zhang", "Liu",
    "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Kim", "Lee", "Park", "Choi", "Tanaka",
    "Suzuki", "Sato", "Watanabe", "Singh", "Kumar", "Sharma", "Patel", "Gupta", "Das", "Okafor",
    "Adeyemi", "Mensah", "Otieno", "Dlamini", "Haddad", "Khalil", "Rossi", "Russo", "Bianchi",
    "Ferrari", "Esposito", "Romano", "Dubois", "Lefèvre", "Moreau", "Girard", "Fournier",
    "Mercier", "Faure", "Bonnet", "François", "Costa", "Silva", "Santos", "Oliveira", "Sousa",
    "Gonçalves", "Ivanov", "Petrov", "Smirnova", "Popescu", "Ionescu", "Papadopoulos", "Öztürk",
)
GIVEN_NAMES = (
    "Anna", "Łukasz", "Zoë", "José", "François", "Jürgen", "Søren", "Ngọc", "Chloé", "Björn",
    "Małgorzata", "Dagný", "Siân", "Agnieszka", "Håkon", "Jiří", "Ümit", "Renée", "Maria",
    "John", "Judith", "Mary", "Steve", "Sonia", "Danielle", "Brynmor", "Paul", "Sarah", "David",
    "Michael", "Emma", "Olivia", "Noah", "Liam", "Mei", "Wei", "Hiroshi", "Yuki", "Priya",
    "Arjun", "Chinwe", "Kwame", "Fatima", "Omar", "Giulia", "Luca", "Camille", "Thiago",
    "Inês", "Olga", "Dmitri", "Elena", "Andrea", "Kai", "Ingrid", "Lars", "Aoife", "Niamh",
    "Tomás", "Zsófia", "Gábor", "Katarzyna", "Ewa", "Mateusz", "Lucía", "Álvaro", "Nuno",
)
SURNAME_SUFFIXES = (
    "son", "sen", "ová", "ski", "ska", "escu", "ović", "poulos", "ez", "ek", "ström", "berg",
    "mann", "ier", "ini", "elli", "oğlu", "ishvili", "yan", "ko", "dóttir", "er", "ton", "ley",
)
ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r",
          "s", "st", "t", "tr", "v", "w", "z", "ch", "sh", "th", "sk", "pl", "cl", "fl")
NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
CODAS = ("", "", "n", "r", "l", "s", "t", "m", "nd", "rt", "ck", "x", "st", "ng")
WORD_ENDINGS = ("", "ic", "al", "ine", "ase", "osis", "ity", "ism", "ation", "ory", "oid", "ide")
VENUE_TYPES = ("article", "article", "article", "article", "inproceedings", "book", "incollection")
KEYWORDS = ("peer support", "recovery", "mental health", "randomized trial", "qualitative",
            "implementation", "outcomes", "stigma", "community care", "self-management")
OUTCOME_IDS = (
    "symptoms", "self-perceived-recovery", "hopefulness", "quality-of-life", "self-advocacy",
    "personal-confidence", "goal-orientation", "hospital-readmission", "satisfaction",
)
EXTRA_OUTCOMES = {
    "sleep-quality": "Sleep quality", "employment": "Employment", "housing-stability":
    "Housing stability", "loneliness": "Loneliness", "substance-use": "Substance use",
    "medication-adherence": "Medication adherence", "self-efficacy": "Self-efficacy",
    "service-engagement": "Service engagement", "stigma": "Internalised stigma",
}
COMPARATORS = ("usual care", "wait-list control", "treatment as usual", "active control",
               "a recovery workbook by post", "no peer support", "clinician-led groups")
SUBJECTS = ("Participants", "Service users", "People", "Adults", "Young people", "Veterans",
            "Patients", "Clients", "Family members", "Peer workers")
VERBS = ("reported", "showed", "had", "experienced", "described", "gained", "achieved")
PEOPLE_UNITS = ("participants", "individuals", "patients", "adults", "clients", "people")
TIME_UNITS = ("weeks", "months", "years", "sessions")
LATEX_ACCENTS = {
    "ü": '{\\"u}', "ö": '{\\"o}', "ä": '{\\"a}', "Ü": '{\\"U}', "Ö": '{\\"O}', "é": "{\\'e}",
    "á": "{\\'a}", "í": "{\\'i}", "ó": "{\\'o}", "ú": "{\\'u}", "è": "{\\`e}", "ø": "{\\o}",
    "Ø": "{\\O}", "ł": "{\\l}", "Ł": "{\\L}", "ñ": "{\\~n}", "ç": "{\\c c}", "å": "{\\aa}",
    "Å": "{\\AA}", "š": "{\\v s}", "Š": "{\\v S}", "ř": "{\\v r}", "č": "{\\v c}", "ß": "{\\ss}",
}
# fmt: on
