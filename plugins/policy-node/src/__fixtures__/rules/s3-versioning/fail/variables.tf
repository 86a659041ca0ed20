variable "versioning_status" {
  type    = string
  default = "Enabled"
}
