environment = "production"
db_password = "Leg4cy-MySQL-r00t-2019"
