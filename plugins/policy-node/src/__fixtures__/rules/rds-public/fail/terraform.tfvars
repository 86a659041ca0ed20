# So that the BI tool in the office can connect directly.
publicly_accessible = true
