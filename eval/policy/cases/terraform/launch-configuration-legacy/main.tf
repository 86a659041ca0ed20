variable "region" {
  type    = string
  default = "us-east-1"
}

# Still on a launch configuration from before launch templates existed.
resource "aws_launch_configuration" "web" {
  name_prefix     = "legacy-web-"
  image_id        = "ami-0c55b159cbfafe1f0"
  instance_type   = "t3.small"
  security_groups = ["sg-0aa11bb22cc33dd44"]

  root_block_device {
    volume_size = 20
    volume_type = "gp2"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_autoscaling_group" "web" {
  name                 = "legacy-web"
  launch_configuration = aws_launch_configuration.web.name
  min_size             = 2
  max_size             = 4
  vpc_zone_identifier  = ["subnet-0a1a2a3a4a5a6a7a8", "subnet-0b1b2b3b4b5b6b7b8"]

  tag {
    key                 = "owner"
    value               = "team-legacy"
    propagate_at_launch = true
  }

  tag {
    key                 = "environment"
    value               = "production"
    propagate_at_launch = true
  }
}
