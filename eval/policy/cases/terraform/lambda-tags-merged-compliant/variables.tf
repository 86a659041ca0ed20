variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "team" {
  type    = string
  default = "team-notifications"
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}
