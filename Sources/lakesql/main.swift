print("lakesql")
