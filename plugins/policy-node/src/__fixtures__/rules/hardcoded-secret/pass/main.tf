variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "orders" {
  identifier = "orders"
  password   = var.db_password
  username   = "orders"
}
