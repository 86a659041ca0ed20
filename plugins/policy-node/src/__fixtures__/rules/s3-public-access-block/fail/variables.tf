variable "site_name" {
  type    = string
  default = "acme-marketing-site"
}

# The site is served straight from the bucket, so its policy must be public.
variable "allow_public_policy" {
  type    = bool
  default = true
}
