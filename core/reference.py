"""Reference data the portal needs before anyone logs in: Ohio's regions, counties, industry clusters and roles.

`load(apps)` is idempotent and takes an app registry, so the data migration (historical models) and the demo
seeding and test fixtures (current models) share one loader.
"""

from core import roles

# JobsOhio's six economic-development regions.
REGIONS = {
    "central": "Central Ohio",
    "northeast": "Northeast Ohio",
    "northwest": "Northwest Ohio",
    "southeast": "Southeast Ohio",
    "southwest": "Southwest Ohio",
    "west": "West Ohio",
}

# (FIPS, county, region slug, economically distressed)
COUNTIES = [
    ("39001", "Adams", "southeast", True),
    ("39003", "Allen", "northwest", False),
    ("39005", "Ashland", "northeast", False),
    ("39007", "Ashtabula", "northeast", False),
    ("39009", "Athens", "southeast", True),
    ("39011", "Auglaize", "west", False),
    ("39013", "Belmont", "southeast", False),
    ("39015", "Brown", "southeast", False),
    ("39017", "Butler", "southwest", False),
    ("39019", "Carroll", "northeast", False),
    ("39021", "Champaign", "west", False),
    ("39023", "Clark", "west", False),
    ("39025", "Clermont", "southwest", False),
    ("39027", "Clinton", "southwest", False),
    ("39029", "Columbiana", "northeast", False),
    ("39031", "Coshocton", "southeast", False),
    ("39033", "Crawford", "northwest", False),
    ("39035", "Cuyahoga", "northeast", False),
    ("39037", "Darke", "west", False),
    ("39039", "Defiance", "northwest", False),
    ("39041", "Delaware", "central", False),
    ("39043", "Erie", "northwest", False),
    ("39045", "Fairfield", "central", False),
    ("39047", "Fayette", "west", False),
    ("39049", "Franklin", "central", False),
    ("39051", "Fulton", "northwest", False),
    ("39053", "Gallia", "southeast", True),
    ("39055", "Geauga", "northeast", False),
    ("39057", "Greene", "west", False),
    ("39059", "Guernsey", "southeast", True),
    ("39061", "Hamilton", "southwest", False),
    ("39063", "Hancock", "northwest", False),
    ("39065", "Hardin", "northwest", False),
    ("39067", "Harrison", "southeast", False),
    ("39069", "Henry", "northwest", False),
    ("39071", "Highland", "southeast", False),
    ("39073", "Hocking", "southeast", False),
    ("39075", "Holmes", "northeast", False),
    ("39077", "Huron", "northwest", False),
    ("39079", "Jackson", "southeast", True),
    ("39081", "Jefferson", "southeast", False),
    ("39083", "Knox", "central", False),
    ("39085", "Lake", "northeast", False),
    ("39087", "Lawrence", "southeast", True),
    ("39089", "Licking", "central", False),
    ("39091", "Logan", "central", False),
    ("39093", "Lorain", "northeast", False),
    ("39095", "Lucas", "northwest", False),
    ("39097", "Madison", "central", False),
    ("39099", "Mahoning", "northeast", False),
    ("39101", "Marion", "central", False),
    ("39103", "Medina", "northeast", False),
    ("39105", "Meigs", "southeast", True),
    ("39107", "Mercer", "west", False),
    ("39109", "Miami", "west", False),
    ("39111", "Monroe", "southeast", True),
    ("39113", "Montgomery", "west", False),
    ("39115", "Morgan", "southeast", True),
    ("39117", "Morrow", "central", False),
    ("39119", "Muskingum", "southeast", False),
    ("39121", "Noble", "southeast", True),
    ("39123", "Ottawa", "northwest", False),
    ("39125", "Paulding", "northwest", False),
    ("39127", "Perry", "southeast", True),
    ("39129", "Pickaway", "central", False),
    ("39131", "Pike", "southeast", True),
    ("39133", "Portage", "northeast", False),
    ("39135", "Preble", "west", False),
    ("39137", "Putnam", "northwest", False),
    ("39139", "Richland", "northeast", False),
    ("39141", "Ross", "southeast", False),
    ("39143", "Sandusky", "northwest", False),
    ("39145", "Scioto", "southeast", True),
    ("39147", "Seneca", "northwest", False),
    ("39149", "Shelby", "west", False),
    ("39151", "Stark", "northeast", False),
    ("39153", "Summit", "northeast", False),
    ("39155", "Trumbull", "northeast", False),
    ("39157", "Tuscarawas", "northeast", False),
    ("39159", "Union", "central", False),
    ("39161", "Van Wert", "northwest", False),
    ("39163", "Vinton", "southeast", True),
    ("39165", "Warren", "southwest", False),
    ("39167", "Washington", "southeast", False),
    ("39169", "Wayne", "northeast", False),
    ("39171", "Williams", "northwest", False),
    ("39173", "Wood", "northwest", False),
    ("39175", "Wyandot", "northwest", False),
]

# JobsOhio's target industries: (slug, name, NAICS prefixes, description)
CLUSTERS = [
    (
        "advanced-manufacturing",
        "Advanced Manufacturing",
        ["331", "332", "333", "335"],
        "Metals, machinery, electrical equipment and precision production.",
    ),
    (
        "aerospace-aviation",
        "Aerospace and Aviation",
        ["3364", "4811", "4881"],
        "Aircraft and parts, space systems, airlines and airport services.",
    ),
    ("automotive", "Automotive", ["3361", "3362", "3363"], "Vehicles, bodies, trailers and parts."),
    (
        "energy-chemicals",
        "Energy and Chemicals",
        ["211", "221", "324", "325", "326"],
        "Oil and gas, utilities, petroleum, chemicals, plastics and rubber.",
    ),
    (
        "financial-services",
        "Financial Services",
        ["521", "522", "523", "524"],
        "Banking, credit, securities and insurance.",
    ),
    (
        "food-agribusiness",
        "Food and Agribusiness",
        ["111", "112", "311", "312"],
        "Farming, food and beverage processing.",
    ),
    (
        "healthcare",
        "Healthcare and Life Sciences",
        ["3254", "3391", "621", "622", "623"],
        "Hospitals, ambulatory and residential care, pharmaceuticals and medical devices.",
    ),
    (
        "logistics-distribution",
        "Logistics and Distribution",
        ["42", "481", "482", "484", "493"],
        "Wholesale trade, freight transport and warehousing.",
    ),
    (
        "military-federal",
        "Military and Federal",
        ["9281", "5417"],
        "Defense installations, federal research and the contractors around them.",
    ),
    (
        "technology",
        "Technology",
        ["334", "5112", "518", "5182", "5415"],
        "Software, data centres, semiconductors and IT services.",
    ),
]


def load(apps):
    """Create or update the reference rows; safe to run any number of times."""
    Region = apps.get_model("core", "Region")
    County = apps.get_model("core", "County")
    IndustryCluster = apps.get_model("core", "IndustryCluster")
    Group = apps.get_model("auth", "Group")

    regions = {}
    for slug, name in REGIONS.items():
        regions[slug], _ = Region.objects.update_or_create(slug=slug, defaults={"name": name})
    for fips, name, region_slug, distressed in COUNTIES:
        County.objects.update_or_create(
            fips=fips,
            defaults={"name": name, "region": regions[region_slug], "economically_distressed": distressed},
        )
    for slug, name, prefixes, description in CLUSTERS:
        IndustryCluster.objects.update_or_create(
            slug=slug, defaults={"name": name, "naics_prefixes": prefixes, "description": description}
        )
    for role in roles.ALL:
        Group.objects.get_or_create(name=role)
