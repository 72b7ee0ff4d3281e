return {
  title = "AoS to SoA",
  summary = "Store particles field by field, so a pass over one field reads only that field.",
  file = "store.c",
  timeout = 40,
  memory_mb = 1600,
  bars = {
    charge = {
      max_ratio = 1.5,
      against = "reference",
      what = "total charge of 8 M particles, against a structure-of-arrays reference",
    },
  },
  hints = {
    "A struct particle is 64 bytes: one cache line. Summing one 4-byte field over an array of them reads how many bytes from memory for each particle?",
    "Keep one array per field inside struct store (float *x, *y, ...; int *charge, ...). store_set and store_get copy between a struct particle and the i-th element of each array.",
    "struct store { long n; float *x, *y, *z, *vx, *vy, *vz, *mass; int *charge, *id, *flags; }; store_total_charge loops over s->charge[0 .. n-1] only.",
  },
}
