#!/usr/bin/env python3
"""Deterministic used-car listings as newline-delimited JSON (~220 bytes a line).

Usage: gen_listings.py --rows N --files K --out DIR [--seed S]

Columns: listing_id BIGINT, vin STRING, car STRUCT<make, model, year INT>, mileage INT,
fuel STRING, price DECIMAL(10,2) (a JSON number), dealer_id INT, listed_at TIMESTAMP
(ISO-8601 with Z), plus two fields no table declares (color, doors).
"""
import argparse
import os
import random

MODELS = {
    "Toyota": ["Corolla", "Camry", "RAV4", "Yaris"],
    "Ford": ["Focus", "Fiesta", "Kuga", "Mustang"],
    "Volkswagen": ["Golf", "Polo", "Passat", "Tiguan"],
    "BMW": ["320d", "X3", "118i", "530e"],
    "Renault": ["Clio", "Megane", "Captur", "Zoe"],
    "Honda": ["Civic", "Jazz", "CR-V", "HR-V"],
}
FUELS = ["petrol", "diesel", "hybrid", "electric", "lpg"]
COLORS = ["black", "white", "silver", "blue", "red", "grey"]
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def line(rng, i):
    make = rng.choice(list(MODELS))
    model = rng.choice(MODELS[make])
    year = rng.randint(2005, 2024)
    mileage = rng.randint(0, 250000)
    cents = rng.randint(150000, 6000000)
    price = f"{cents // 100}.{cents % 100:02d}"
    ts = 1704067200 + rng.randint(0, 365 * 86400)
    days, rem = divmod(ts, 86400)
    # civil date from days since epoch (2024 is a leap year)
    month_days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    d = days - 19723  # 2024-01-01
    year_ts, m = 2024, 0
    if d >= 366:
        d -= 366
        year_ts = 2025
        month_days[1] = 28
    while d >= month_days[m]:
        d -= month_days[m]
        m += 1
    listed = f"{year_ts}-{m + 1:02d}-{d + 1:02d}T{rem // 3600:02d}:{rem // 60 % 60:02d}:{rem % 60:02d}Z"
    vin = "".join(rng.choice(VIN_CHARS) for _ in range(17))
    return (
        f'{{"listing_id":{1000000 + i},"vin":"{vin}",'
        f'"car":{{"make":"{make}","model":"{model}","year":{year}}},'
        f'"mileage":{mileage},"fuel":"{rng.choice(FUELS)}","price":{price},'
        f'"dealer_id":{rng.randint(1, 5000)},"listed_at":"{listed}",'
        f'"color":"{rng.choice(COLORS)}","doors":{rng.choice([3, 5])}}}\n'
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--files", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    per_file = (args.rows + args.files - 1) // args.files
    i = 0
    for f in range(args.files):
        path = os.path.join(args.out, f"part-{f:05d}.json")
        with open(path, "w") as out:
            chunk = []
            for _ in range(min(per_file, args.rows - i)):
                chunk.append(line(rng, i))
                i += 1
            out.write("".join(chunk))


if __name__ == "__main__":
    main()
