resource "aws_eks_node_group" "general" {
  cluster_name    = "platform-${var.environment}"
  node_group_name = "general"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.subnet_ids
  instance_types  = ["m6i.2xlarge", "m6a.2xlarge"]

  scaling_config {
    min_size     = 3
    max_size     = 12
    desired_size = 3
  }
}

# Batch analytics pool: sized for the biggest job someone once ran.
resource "aws_eks_node_group" "analytics" {
  cluster_name    = "platform-${var.environment}"
  node_group_name = "analytics"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.subnet_ids
  instance_types  = ["r6i.8xlarge", "x2idn.16xlarge"]
  capacity_type   = "SPOT"

  scaling_config {
    min_size     = 0
    max_size     = 4
    desired_size = 0
  }
}

# No instance_types: EKS launches t3.medium.
resource "aws_eks_node_group" "system" {
  cluster_name    = "platform-${var.environment}"
  node_group_name = "system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.subnet_ids

  scaling_config {
    min_size     = 2
    max_size     = 3
    desired_size = 2
  }
}
