variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "imds_tokens" {
  type        = string
  description = "IMDS token mode; the legacy agent still speaks IMDSv1."
  default     = "optional"
}

resource "aws_launch_template" "batch" {
  name_prefix   = "batch-"
  image_id      = "ami-0a9f8e7d6c5b4a392"
  instance_type = "c5.xlarge"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.imds_tokens
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = true
    }
  }
}

resource "aws_instance" "batch_coordinator" {
  instance_type = "c5.large"

  launch_template {
    id      = aws_launch_template.batch.id
    version = "$Latest"
  }
}
