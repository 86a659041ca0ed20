variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_db_instance" "primary" {
  identifier                  = "reporting"
  engine                      = "postgres"
  engine_version              = "15.8"
  instance_class              = "db.m6g.large"
  allocated_storage           = 100
  storage_encrypted           = true
  username                    = "reporting"
  manage_master_user_password = true
  backup_retention_period     = 7
  publicly_accessible         = false
  deletion_protection         = true
}

# A read replica keeps no backups of its own: its source's are what count.
resource "aws_db_instance" "replica" {
  identifier          = "reporting-replica"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.m6g.large"
  storage_encrypted   = true
  publicly_accessible = false
  skip_final_snapshot = true
}
