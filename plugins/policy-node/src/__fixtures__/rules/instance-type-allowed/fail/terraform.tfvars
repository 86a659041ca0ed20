instance_type = "p3.8xlarge"
