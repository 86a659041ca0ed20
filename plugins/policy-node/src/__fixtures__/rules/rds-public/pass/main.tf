resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  db_subnet_group_name        = "private-subnets"
}

resource "aws_rds_cluster_instance" "ledger" {
  count               = 2
  identifier          = "ledger-${count.index}"
  cluster_identifier  = "ledger"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = false
}
