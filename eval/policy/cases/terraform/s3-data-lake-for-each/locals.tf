locals {
  zones = {
    raw     = "acme-lake-raw"
    curated = "acme-lake-curated"
    scratch = "acme-lake-scratch"
  }

  # Scratch data is reproducible: nobody wanted to pay for its versions.
  versioned_zones = { for zone, name in local.zones : zone => name if zone != "scratch" }
}
