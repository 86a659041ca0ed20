# Versions cost too much on the data lake, someone said.
versioning_status = "Suspended"
