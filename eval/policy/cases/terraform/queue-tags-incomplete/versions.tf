terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

# No default_tags: each resource carries its own.
provider "aws" {
  region = "eu-west-1"
}
