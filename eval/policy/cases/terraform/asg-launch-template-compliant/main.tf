locals {
  asg_tags = {
    Name        = "checkout-workers"
    owner       = "team-checkout"
    environment = var.environment
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "checkout-workers-"
  image_id      = var.ami_id
  instance_type = "c6i.large"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 40
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }
}

# Auto Scaling groups do not take the provider's default_tags: their tag
# blocks are what the instances get.
resource "aws_autoscaling_group" "workers" {
  name                = "checkout-workers-${var.environment}"
  min_size            = 2
  max_size            = 10
  desired_capacity    = 3
  vpc_zone_identifier = var.subnet_ids

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }

  dynamic "tag" {
    for_each = local.asg_tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
