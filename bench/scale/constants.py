"""What marks a row as scale data, the volumes at factor 1, and the words names are made of."""

import datetime

SCALE_DOMAIN = "scale.example"
ROUND_PREFIX = "Scale round"
CATEGORY_PREFIX = "scale-"
AREA_PREFIX = "9"

# Volumes at factor 1.
VOLUMES = {
    "organisations": 50_000,
    "credentials": 100_000,
    "applications": 200_000,
    "claim_lines": 1_000_000,
    "partnerships": 2_000,
    "placements": 200_000,
    "estimates": 400_000,
}
ROUNDS = 20  # quarterly rounds over five fiscal years
FIRST_ROUND_MONTH = datetime.date(2021, 7, 1)
OCCUPATIONS = 800  # detailed SOC occupations in a national file; areas = estimates / occupations

SYLLABLES = [
    "al",
    "ber",
    "cor",
    "dex",
    "en",
    "fal",
    "gor",
    "hal",
    "ix",
    "jun",
    "kel",
    "lum",
    "mar",
    "nov",
    "or",
    "pra",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ver",
    "wex",
    "yar",
    "zen",
]
SUBJECTS = (
    (
        "Security Cloud Network Data Python Java Kubernetes CNC Machining Welding Robotics PLC Automation Quality "
        "Six-Sigma Lean Health-Information Coding Pharmacy Logistics Supply-Chain Forklift Drone GIS Linux Windows "
        "Azure AWS Salesforce SQL Analytics Project-Management Agile Scrum Electrical HVAC Solar Battery Additive "
        "Metrology CAD BIM Cybersecurity Wireless Fiber-Optics Mechatronics Hydraulics Instrumentation"
    )
    .replace("-", " ")
    .split()
)
LEVELS = ["Associate", "Professional", "Specialist", "Expert", "Foundation", "Practitioner", "Technician", "Level II"]
ORG_WORDS = [
    "Alder",
    "Birch",
    "Cedar",
    "Dover",
    "Elm",
    "Fulton",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Keystone",
    "Lake",
    "Maple",
    "North",
    "Oak",
    "Prairie",
]
ORG_TRADES = [
    "Manufacturing",
    "Tool",
    "Health",
    "Logistics",
    "Systems",
    "Foods",
    "Plastics",
    "Metals",
    "Software",
    "Electric",
    "Machining",
    "Care",
]
ORG_SUFFIX = ["Inc.", "LLC", "Co.", "Corp.", "Group"]
