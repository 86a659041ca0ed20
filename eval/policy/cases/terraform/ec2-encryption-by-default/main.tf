# Every new EBS volume in the account and region is encrypted, so the
# instances below need no per-volume setting.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_instance" "notebook" {
  ami           = "ami-0f1e2d3c4b5a69788"
  instance_type = "m6i.xlarge"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 200
  }
}

resource "aws_ebs_volume" "datasets" {
  availability_zone = "us-west-2a"
  size              = 1000
  type              = "st1"
}
