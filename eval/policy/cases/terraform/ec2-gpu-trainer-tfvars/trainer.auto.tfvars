trainer_instance_type = "p4d.24xlarge"
