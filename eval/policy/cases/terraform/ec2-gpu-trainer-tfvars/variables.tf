variable "region" {
  type    = string
  default = "us-east-1"
}

variable "environment" {
  type    = string
  default = "research"
}

variable "trainer_instance_type" {
  type    = string
  default = "g5.2xlarge"
}
