@ECHO OFF
REM Build the lesson on Windows:  make html | pdf | linkcheck | serve | clean
if "%SPHINXBUILD%" == "" set SPHINXBUILD=sphinx-build
set BUILDDIR=_build
if "%1" == "" goto help
if "%1" == "serve" (sphinx-autobuild . %BUILDDIR%\html & goto end)
if "%1" == "pdf" (%SPHINXBUILD% -M latexpdf . %BUILDDIR% -W --keep-going & goto end)
if "%1" == "clean" (rmdir /s /q %BUILDDIR% & goto end)
%SPHINXBUILD% -b %1 -W --keep-going . %BUILDDIR%\%1
goto end
:help
echo Usage: make html ^| pdf ^| linkcheck ^| serve ^| clean
:end
