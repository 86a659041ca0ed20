resource "aws_rds_cluster" "catalog" {
  cluster_identifier          = "catalog-${var.environment}"
  engine                      = "aurora-postgresql"
  engine_version              = "16.4"
  database_name               = "catalog"
  master_username             = "catalog"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  preferred_backup_window     = "01:00-02:00"
  deletion_protection         = true
}

# Made public so the data team can connect from their laptops.
resource "aws_rds_cluster_instance" "catalog" {
  count               = var.instance_count
  identifier          = "catalog-${var.environment}-${count.index}"
  cluster_identifier  = aws_rds_cluster.catalog.id
  engine              = aws_rds_cluster.catalog.engine
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}
