# The CRM database from 2019: reachable from the vendor's office over the
# internet, never encrypted, backups "handled by the vendor".
resource "aws_db_instance" "crm" {
  identifier          = "crm-mysql"
  engine              = "mysql"
  engine_version      = "8.0.39"
  instance_class      = "db.m5.large"
  allocated_storage   = 200
  username            = "admin"
  password            = var.db_password
  publicly_accessible = true
  skip_final_snapshot = true
}
