variable "instance_type" {
  type    = string
  default = "t3.large"
}
