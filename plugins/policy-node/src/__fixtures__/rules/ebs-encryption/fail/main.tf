resource "aws_instance" "build" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 50
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 200
    volume_type = "gp3"
  }

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_ebs_volume" "cache" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
}
