"""Travel reference data for Surat Thani (84): the demo, the tests and the benchmark use it."""

# Approximate positions of the 19 district offices (ที่ว่าการอำเภอ), read off a map to
# about a kilometre: good enough for travel times, marked approximate in the data.
OFFICES = {
    "8401": (9.1400, 99.3270, False),  # เมืองสุราษฎร์ธานี
    "8402": (9.1650, 99.4710, False),  # กาญจนดิษฐ์
    "8403": (9.3170, 99.6920, False),  # ดอนสัก
    "8404": (9.5350, 99.9360, True),  # เกาะสมุย (หน้าทอน)
    "8405": (9.7130, 100.0090, True),  # เกาะพะงัน (ท้องศาลา)
    "8406": (9.3870, 99.2010, False),  # ไชยา
    "8407": (9.5840, 99.1840, False),  # ท่าชนะ
    "8408": (9.0330, 98.9530, False),  # คีรีรัฐนิคม
    "8409": (8.9180, 98.9190, False),  # บ้านตาขุน
    "8410": (8.8530, 98.8190, False),  # พนม
    "8411": (9.2670, 99.1920, False),  # ท่าฉาง
    "8412": (8.7990, 99.3640, False),  # บ้านนาสาร
    "8413": (8.8850, 99.3040, False),  # บ้านนาเดิม
    "8414": (8.8260, 99.1530, False),  # เคียนซา
    "8415": (8.6360, 99.3680, False),  # เวียงสระ
    "8416": (8.5690, 99.2530, False),  # พระแสง
    "8417": (9.1050, 99.2280, False),  # พุนพิน
    "8418": (8.4700, 99.0500, False),  # ชัยบุรี
    "8419": (9.2180, 98.9560, False),  # วิภาวดี
}

# Car ferries from ดอนสัก, pier to pier plus boarding, in minutes (approximate).
FERRIES = [("8403", "8404", 75), ("8404", "8405", 100), ("8403", "8405", 150)]
