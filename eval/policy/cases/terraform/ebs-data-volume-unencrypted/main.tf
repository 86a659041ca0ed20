variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0a9f8e7d6c5b4a392"
}

resource "aws_instance" "solr" {
  ami           = var.ami_id
  instance_type = "r6i.xlarge"
  subnet_id     = "subnet-0a1a2a3a4a5a6a7a8"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_size = 30
    encrypted   = true
  }
}

# The index volume, added later by hand-written Terraform.
resource "aws_ebs_volume" "solr_index" {
  availability_zone = aws_instance.solr.availability_zone
  size              = 500
  type              = "gp3"
  iops              = 6000
}

resource "aws_volume_attachment" "solr_index" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.solr_index.id
  instance_id = aws_instance.solr.id
}
