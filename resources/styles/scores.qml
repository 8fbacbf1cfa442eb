<!DOCTYPE qgis>
<!-- Scores by class (sc_class): the classes are the run's own (CLASSES), so the categories are
     made from the data, lowest score first, along the source ramp; "" is every other value
     (NULL: not scored); the top 10 (sc_rank) labelled. -->
<qgis version="3.22" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="categorizedSymbol" attr="sc_class">
    <categories>
      <category value="" symbol="0" label="Not scored"/>
    </categories>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="189,189,189,255"/><prop k="line_width" v="0.25"/></layer></symbol>
    </symbols>
    <source-symbol>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="165,15,21,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
    </source-symbol>
    <colorramp type="gradient" name="[source]"><prop k="color1" v="252,187,161,255"/><prop k="color2" v="165,15,21,255"/></colorramp>
  </renderer-v2>
  <labeling type="simple">
    <settings>
      <text-style fieldName="if(&quot;sc_rank&quot; &lt;= 10, '#' || &quot;sc_rank&quot;, NULL)" isExpression="1" fontSize="9" fontWeight="75" textColor="0,0,0,255"/>
      <text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>
      <placement placement="1" dist="1"/>
      <rendering displayAll="1" obstacle="0"/>
    </settings>
  </labeling>
</qgis>
