variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment (staging, production)."
  default     = "production"
}

variable "log_retention_days" {
  type    = number
  default = 400
}
