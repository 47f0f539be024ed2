print("hello from the included file")
