def included_function():
    return "included from a file"
