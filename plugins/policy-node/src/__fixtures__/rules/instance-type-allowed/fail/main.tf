resource "aws_instance" "training" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = var.instance_type

  metadata_options {
    http_tokens = "required"
  }
}
