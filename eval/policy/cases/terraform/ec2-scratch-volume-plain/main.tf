# Video transcoder: the root volume is encrypted, the scratch volume for
# intermediate files is not ("it only holds temporary frames").
resource "aws_instance" "transcoder" {
  ami           = "ami-0a9f8e7d6c5b4a392"
  instance_type = "c6i.4xlarge"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 50
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 1000
    volume_type = "gp3"
    encrypted   = var.scratch_encrypted
  }
}
