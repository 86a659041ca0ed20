variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d"
}

variable "ssh_cidrs" {
  description = "Who may SSH to the bastion"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}
