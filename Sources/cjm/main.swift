print("cjm")
