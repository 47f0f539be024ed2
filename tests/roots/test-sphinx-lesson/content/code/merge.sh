git switch main
git merge spicy
