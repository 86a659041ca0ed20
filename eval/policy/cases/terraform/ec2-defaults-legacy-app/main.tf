variable "instance_type" {
  type    = string
  default = "m5.large"
}

resource "aws_instance" "intranet" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = var.instance_type
  key_name      = "ops-2021"

  tags = {
    Name  = "intranet"
    Owner = "it-department"
  }
}
