variable "region" {
  type    = string
  default = "us-west-2"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "vpc_id" {
  type = string
}

variable "admin_cidrs" {
  type        = list(string)
  description = "Who may SSH to the build agents."
  default     = ["0.0.0.0/0"]
}
