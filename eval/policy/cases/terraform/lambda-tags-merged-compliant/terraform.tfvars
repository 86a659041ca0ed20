environment = "production"
extra_tags = {
  cost-center = "cc-4410"
}
