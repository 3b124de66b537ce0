<map version="1.0.1">
<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->
<node CREATED="1740830400000" ID="ID_1000" MODIFIED="1740830400000" TEXT="Place-based leadership programme">
  <node CREATED="1740830400000" ID="ID_1001" MODIFIED="1740830400000" TEXT="Partners meet for the first time">
    <richcontent TYPE="NOTE"><html>
  <head>
  </head>
  <body>
    <p>
      Met at module 2
    </p>
  </body>
</html></richcontent>
    <attribute NAME="capital" VALUE="social"/>
    <node CREATED="1740830400000" ID="ID_1002" MODIFIED="1740830400000" TEXT="Joint bid to the sports fund">
      <icon BUILTIN="flag"/>
      <richcontent TYPE="NOTE"><html>
  <head>
  </head>
  <body>
    <p>
      Submitted in February
    </p>
  </body>
</html></richcontent>
      <attribute NAME="capital" VALUE="financial; social"/>
      <attribute NAME="date" VALUE="2025-02-10"/>
      <attribute NAME="actors" VALUE="council; sport-trust"/>
      <node CREATED="1740830400000" ID="ID_1003" MODIFIED="1740830400000" TEXT="Bid turned down">
        <attribute NAME="valence" VALUE="neutral"/>
      </node>
    </node>
    <node CREATED="1740830400000" ID="ID_1004" MODIFIED="1740830400000" TEXT="Shared calendar of events [cultural, social]">
      <icon BUILTIN="flag"/>
    </node>
  </node>
  <node ID="ID_1005" CREATED="1740830400000" MODIFIED="1740830400000">
  <richcontent TYPE="NODE"><html>
  <head>
  </head>
  <body>
    <p>
      Leaders use systems language
    </p>
  </body>
</html></richcontent>
    <attribute NAME="capital" VALUE="human"/>
    <attribute NAME="intended" VALUE="yes"/>
    <node CREATED="1740830400000" ID="ID_1006" MODIFIED="1740830400000" TEXT="A new cross-team meeting">
    </node>
  </node>
</node>
</map>
