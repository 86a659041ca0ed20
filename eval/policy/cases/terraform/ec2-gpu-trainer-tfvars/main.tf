resource "aws_instance" "trainer" {
  ami           = "ami-0123456789abcdef0"
  instance_type = var.trainer_instance_type

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_size = 500
    encrypted   = true
  }
}
