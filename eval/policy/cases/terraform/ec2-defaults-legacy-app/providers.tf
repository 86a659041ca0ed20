terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

# Credentials copied from a laptop's ~/.aws/credentials "to make CI work".
provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAQX4T7RZ2PLM9KD3W"
  secret_key = "9fJk2Lm4Np6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij"
}
