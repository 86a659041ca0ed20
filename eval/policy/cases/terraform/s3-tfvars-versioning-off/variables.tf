variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "enable_versioning" {
  type        = bool
  description = "Keep object versions (turn off only for throwaway data)."
  default     = true
}
