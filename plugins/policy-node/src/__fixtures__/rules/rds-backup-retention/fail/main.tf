variable "env" {
  type    = string
  default = "production"
}

locals {
  backup_days = {
    dev        = 1
    production = 3
  }
}

resource "aws_rds_cluster" "inventory" {
  cluster_identifier          = "inventory-${var.env}"
  engine                      = "aurora-mysql"
  master_username             = "inventory"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = local.backup_days[var.env]
  preferred_backup_window     = "02:00-03:00"
}

resource "aws_db_instance" "sessions" {
  identifier                  = "sessions"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "sessions"
  manage_master_user_password = true
  storage_encrypted           = true
}
