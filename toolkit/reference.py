"""The default key occupations (SOC 2018) of each seeded industry cluster (core.reference.CLUSTERS).

A reasonable starting point chosen from the occupations that make up most of each industry's staffing pattern and
that training providers train for; staff edit it on each cluster's key-occupation page or replace it with the
cluster-occupations import.
`load(apps)` is idempotent and takes an app registry so the data migration and the demo share it.
"""

CLUSTER_OCCUPATIONS = {
    "advanced-manufacturing": [
        ("51-4041", "Machinists"),
        ("51-4121", "Welders, Cutters, Solderers, and Brazers"),
        ("51-2090", "Miscellaneous Assemblers and Fabricators"),
        ("51-9061", "Inspectors, Testers, Sorters, Samplers, and Weighers"),
        ("49-9041", "Industrial Machinery Mechanics"),
        ("51-1011", "First-Line Supervisors of Production and Operating Workers"),
        ("17-2112", "Industrial Engineers"),
        ("51-4011", "Computer Numerically Controlled Tool Operators"),
        ("51-4111", "Tool and Die Makers"),
        ("17-3026", "Industrial Engineering Technologists and Technicians"),
    ],
    "aerospace-aviation": [
        ("49-3011", "Aircraft Mechanics and Service Technicians"),
        ("51-2011", "Aircraft Structure, Surfaces, Rigging, and Systems Assemblers"),
        ("17-2011", "Aerospace Engineers"),
        ("53-2011", "Airline Pilots, Copilots, and Flight Engineers"),
        ("53-2031", "Flight Attendants"),
        ("49-2091", "Avionics Technicians"),
        ("17-3021", "Aerospace Engineering and Operations Technologists and Technicians"),
        ("51-4041", "Machinists"),
    ],
    "automotive": [
        ("51-2090", "Miscellaneous Assemblers and Fabricators"),
        ("49-3023", "Automotive Service Technicians and Mechanics"),
        ("51-4121", "Welders, Cutters, Solderers, and Brazers"),
        ("51-4031", "Cutting, Punching, and Press Machine Setters, Operators, and Tenders, Metal and Plastic"),
        ("17-2141", "Mechanical Engineers"),
        ("49-9041", "Industrial Machinery Mechanics"),
        ("51-9061", "Inspectors, Testers, Sorters, Samplers, and Weighers"),
        ("49-3021", "Automotive Body and Related Repairers"),
    ],
    "energy-chemicals": [
        ("51-8091", "Chemical Plant and System Operators"),
        ("51-9011", "Chemical Equipment Operators and Tenders"),
        ("19-4031", "Chemical Technicians"),
        ("17-2041", "Chemical Engineers"),
        ("49-9051", "Electrical Power-Line Installers and Repairers"),
        ("51-8013", "Power Plant Operators"),
        ("51-4072", "Molding, Coremaking, and Casting Machine Setters, Operators, and Tenders, Metal and Plastic"),
        ("47-2111", "Electricians"),
    ],
    "financial-services": [
        ("43-3071", "Tellers"),
        ("13-2072", "Loan Officers"),
        ("13-2011", "Accountants and Auditors"),
        ("13-2051", "Financial and Investment Analysts"),
        ("41-3021", "Insurance Sales Agents"),
        ("13-1031", "Claims Adjusters, Examiners, and Investigators"),
        ("11-3031", "Financial Managers"),
        ("43-4131", "Loan Interviewers and Clerks"),
    ],
    "food-agribusiness": [
        ("51-3022", "Meat, Poultry, and Fish Cutters and Trimmers"),
        ("51-3011", "Bakers"),
        ("51-3092", "Food Batchmakers"),
        ("51-9111", "Packaging and Filling Machine Operators and Tenders"),
        ("45-2092", "Farmworkers and Laborers, Crop, Nursery, and Greenhouse"),
        ("45-2093", "Farmworkers, Farm, Ranch, and Aquacultural Animals"),
        ("11-9013", "Farmers, Ranchers, and Other Agricultural Managers"),
        ("51-3093", "Food Cooking Machine Operators and Tenders"),
    ],
    "healthcare": [
        ("29-1141", "Registered Nurses"),
        ("29-2061", "Licensed Practical and Licensed Vocational Nurses"),
        ("31-1131", "Nursing Assistants"),
        ("31-9092", "Medical Assistants"),
        ("29-2052", "Pharmacy Technicians"),
        ("29-2034", "Radiologic Technologists and Technicians"),
        ("29-2010", "Clinical Laboratory Technologists and Technicians"),
        ("31-1120", "Home Health and Personal Care Aides"),
        ("29-1171", "Nurse Practitioners"),
        ("29-1126", "Respiratory Therapists"),
    ],
    "logistics-distribution": [
        ("53-3032", "Heavy and Tractor-Trailer Truck Drivers"),
        ("53-7062", "Laborers and Freight, Stock, and Material Movers, Hand"),
        ("53-7051", "Industrial Truck and Tractor Operators"),
        ("43-5071", "Shipping, Receiving, and Inventory Clerks"),
        ("13-1081", "Logisticians"),
        (
            "53-1047",
            "First-Line Supervisors of Transportation and Material Moving Workers, Except Aircraft Cargo Handling",
        ),
        ("49-3031", "Bus and Truck Mechanics and Diesel Engine Specialists"),
        ("53-7065", "Stockers and Order Fillers"),
    ],
    "military-federal": [
        ("17-2071", "Electrical Engineers"),
        ("17-2011", "Aerospace Engineers"),
        ("15-1212", "Information Security Analysts"),
        ("13-1111", "Management Analysts"),
        ("17-3023", "Electrical and Electronic Engineering Technologists and Technicians"),
        ("13-1020", "Buyers and Purchasing Agents"),
        ("15-1299", "Computer Occupations, All Other"),
    ],
    "technology": [
        ("15-1252", "Software Developers"),
        ("15-1232", "Computer User Support Specialists"),
        ("15-1244", "Network and Computer Systems Administrators"),
        ("15-1212", "Information Security Analysts"),
        ("15-1211", "Computer Systems Analysts"),
        ("15-1253", "Software Quality Assurance Analysts and Testers"),
        ("15-2051", "Data Scientists"),
        ("11-3021", "Computer and Information Systems Managers"),
        ("15-1231", "Computer Network Support Specialists"),
    ],
}


def load(apps):
    """Give each seeded cluster its default key occupations when it has none yet (never overwrites edits)."""
    IndustryCluster = apps.get_model("core", "IndustryCluster")
    Occupation = apps.get_model("toolkit", "Occupation")
    ClusterOccupation = apps.get_model("toolkit", "ClusterOccupation")
    for slug, occupations in CLUSTER_OCCUPATIONS.items():
        cluster = IndustryCluster.objects.filter(slug=slug).first()
        if cluster is None or ClusterOccupation.objects.filter(cluster=cluster).exists():
            continue
        for soc_code, title in occupations:
            group = "broad" if soc_code.endswith("0") else "detailed"
            occupation, _ = Occupation.objects.get_or_create(
                soc_code=soc_code, defaults={"title": title, "group": group}
            )
            ClusterOccupation.objects.get_or_create(cluster=cluster, occupation=occupation)
