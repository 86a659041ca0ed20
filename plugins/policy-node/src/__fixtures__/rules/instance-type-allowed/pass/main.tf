locals {
  sizes = {
    small = "t3.large"
    large = "m6i.2xlarge"
  }
}

resource "aws_instance" "app" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = local.sizes["small"]
}

resource "aws_eks_node_group" "general" {
  cluster_name    = "main"
  node_group_name = "general"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0a1b2c3d"]
  instance_types  = [local.sizes["large"], "c7g.xlarge"]

  scaling_config {
    desired_size = 3
    max_size     = 6
    min_size     = 2
  }
}
